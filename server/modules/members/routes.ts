import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../domain/schemas/common';
import {
  MemberBatchResult,
  MemberCreate,
  MemberDetail,
  MemberGroupAssign,
  MemberListQuery,
  MemberPage,
  MemberPatch,
  MemberTransfer,
} from '../../../domain/schemas/members';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const Params = Type.Object({ id: Id });
const tags = ['members'];

export async function memberRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/members', { schema: { tags, querystring: MemberListQuery, response: { 200: MemberPage } } }, async (req) =>
    service.listMembers(requireActor(req), req.query),
  );

  app.get('/members/:id', { schema: { tags, params: Params, response: { 200: MemberDetail } } }, async (req) =>
    service.getMemberDetail(requireActor(req), req.params.id),
  );

  app.post('/members', { schema: { tags, body: MemberCreate, response: { 201: MemberDetail } } }, async (req, reply) =>
    reply.status(201).send(await service.createMember(requireActor(req), req.body)),
  );

  app.patch('/members/:id', { schema: { tags, params: Params, body: MemberPatch, response: { 200: MemberDetail } } }, async (req) =>
    service.updateMember(requireActor(req), req.params.id, req.body),
  );

  app.post('/members/:id/transfer', { schema: { tags, params: Params, body: MemberTransfer, response: { 200: MemberDetail } } }, async (req) =>
    service.transferMember(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/members/batch/party-group',
    {
      schema: {
        tags,
        summary: "Puts the selected members into a party group of their organization (or out of theirs), all or none",
        body: MemberGroupAssign,
        response: { 200: MemberBatchResult },
      },
    },
    async (req) => service.assignPartyGroup(requireActor(req), req.body),
  );
}
