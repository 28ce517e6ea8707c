import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Nullable } from '../../../domain/schemas/common';
import { Demand, DemandCreate, DemandListQuery, DemandTransition } from '../../../domain/schemas/pairings';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const Params = Type.Object({ id: Id });
const tags = ['demands'];

export async function demandRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/demands',
    { schema: { tags, querystring: DemandListQuery, response: { 200: Type.Object({ items: Type.Array(Demand), nextCursor: Nullable(Type.String()) }) } } },
    async (req) => service.listDemands(requireActor(req), req.query),
  );

  app.post('/demands', { schema: { tags, body: DemandCreate, response: { 201: Demand } } }, async (req, reply) =>
    reply.status(201).send(await service.createDemand(requireActor(req), req.body)),
  );

  app.get('/demands/:id', { schema: { tags, params: Params, response: { 200: Demand } } }, async (req) => service.getDemand(requireActor(req), req.params.id));

  app.post('/demands/:id/transition', { schema: { tags, params: Params, body: DemandTransition, response: { 200: Demand } } }, async (req) =>
    service.transitionDemand(requireActor(req), req.params.id, req.body),
  );
}
