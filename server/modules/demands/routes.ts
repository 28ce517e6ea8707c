import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Nullable } from '../../../domain/schemas/common';
import { Demand, DemandAssigneeList, DemandCreate, DemandListQuery, DemandTransition, PairingFile } from '../../../domain/schemas/pairings';
import { requireActor } from '../../plugins/auth';
import { disposition, requireUpload } from '../../uploads';
import { addDemandFile, openDemandFile, removeDemandFile } from './files';
import * as service from './service';

const Params = Type.Object({ id: Id });
const FileParams = Type.Object({ id: Id, fileId: Id });
/** a file download (documented as binary; the stream is sent as is) */
const Binary = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
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

  app.get(
    '/demands/:id/assignees',
    {
      schema: {
        tags,
        description: 'Who may handle the demand (accounts entitled for the handling party), for whoever may assign it.',
        params: Params,
        response: { 200: DemandAssigneeList },
      },
    },
    async (req) => service.assigneesOf(requireActor(req), req.params.id),
  );

  app.post('/demands/:id/files', { schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 201: PairingFile } } }, async (req, reply) => {
    const ctx = requireActor(req);
    const upload = await requireUpload(req);
    return reply.status(201).send(await addDemandFile(ctx, req.params.id, upload));
  });

  app.get('/demands/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 200: Binary } } }, async (req, reply) => {
    const file = await openDemandFile(requireActor(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', disposition(file.filename, file.mime))
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  });

  app.delete('/demands/:id/files/:fileId', { schema: { tags, description: 'By the uploader or the agreement\'s keeper, while the demand is open.', params: FileParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await removeDemandFile(requireActor(req), req.params.id, req.params.fileId);
    return reply.status(204).send(null);
  });
}
