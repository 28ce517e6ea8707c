import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../domain/schemas/common';
import {
  CommitteeSeatCreate,
  OrgCreate,
  OrgDetail,
  OrgDissolve,
  OrgMove,
  OrgPatch,
  OrgSummary,
  PartyGroupCreate,
  PartyGroupPatch,
} from '../../../domain/schemas/orgs';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const Params = Type.Object({ id: Id });
const tags = ['orgs'];

export async function orgRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/orgs',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            parent: Type.Optional(Id),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            within: Type.Optional(Id),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(OrgSummary) }) },
      },
    },
    async (req) => ({ items: await service.listOrgs(requireActor(req), req.query) }),
  );

  app.get('/orgs/:id', { schema: { tags, params: Params, response: { 200: OrgDetail } } }, async (req) =>
    service.getOrgDetail(requireActor(req), req.params.id),
  );

  app.post('/orgs', { schema: { tags, body: OrgCreate, response: { 201: OrgDetail } } }, async (req, reply) =>
    reply.status(201).send(await service.createOrg(requireActor(req), req.body)),
  );

  app.patch('/orgs/:id', { schema: { tags, params: Params, body: OrgPatch, response: { 200: OrgDetail } } }, async (req) =>
    service.updateOrg(requireActor(req), req.params.id, req.body),
  );

  app.post('/orgs/:id/move', { schema: { tags, params: Params, body: OrgMove, response: { 200: OrgDetail } } }, async (req) =>
    service.moveOrg(requireActor(req), req.params.id, req.body.parentId),
  );

  app.post('/orgs/:id/dissolve', { schema: { tags, params: Params, body: OrgDissolve, response: { 200: OrgDetail } } }, async (req) =>
    service.dissolveOrg(requireActor(req), req.params.id, req.body),
  );

  app.post('/orgs/:id/committee', { schema: { tags, params: Params, body: CommitteeSeatCreate, response: { 201: OrgDetail } } }, async (req, reply) =>
    reply.status(201).send(await service.addCommitteeSeat(requireActor(req), req.params.id, req.body)),
  );

  app.delete(
    '/orgs/:id/committee/:seatId',
    { schema: { tags, params: Type.Object({ id: Id, seatId: Id }), response: { 200: OrgDetail } } },
    async (req) => service.endCommitteeSeat(requireActor(req), req.params.id, req.params.seatId),
  );

  app.post('/orgs/:id/groups', { schema: { tags, params: Params, body: PartyGroupCreate, response: { 201: OrgDetail } } }, async (req, reply) =>
    reply.status(201).send(await service.addPartyGroup(requireActor(req), req.params.id, req.body)),
  );

  app.patch(
    '/orgs/:id/groups/:groupId',
    { schema: { tags, params: Type.Object({ id: Id, groupId: Id }), body: PartyGroupPatch, response: { 200: OrgDetail } } },
    async (req) => service.updatePartyGroup(requireActor(req), req.params.id, req.params.groupId, req.body),
  );
}
