import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, Id } from '../../../domain/schemas/common';
import { DemandBatchAccept, DemandExportQuery, DemandPage, DemandPageQuery } from '../../../domain/schemas/demands';
import { Demand, DemandAssigneeList, DemandCreate, DemandTransition, PairingFile } from '../../../domain/schemas/pairings';
import { requireActor } from '../../plugins/auth';
import { disposition, requireUpload, sendWorkbook } from '../../uploads';
import { addDemandFile, openDemandFile, removeDemandFile } from './files';
import { prepareDemandListExport } from './listExport';
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
    { schema: { tags, querystring: DemandPageQuery, response: { 200: DemandPage } } },
    async (req) => service.listDemands(requireActor(req), req.query),
  );

  app.get(
    '/exports/demands.xlsx',
    {
      schema: {
        tags,
        summary: "The demands list's current filter as .xlsx: every demand it selects (all pages), within the pairings the caller may read",
        querystring: DemandExportQuery,
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const file = await prepareDemandListExport(requireActor(req), req.query);
      return sendWorkbook(req, reply, file);
    },
  );

  app.post(
    '/demands/batch-accept',
    {
      schema: {
        tags,
        description:
          'Accepts the selected demands with one note, all or none: any that the caller cannot accept answers 4xx batch_refused with `details` naming each (`ids.3`), and nothing changes.',
        body: DemandBatchAccept,
        response: { 200: Type.Object({ accepted: Type.Integer() }) },
      },
    },
    async (req) => service.acceptDemands(requireActor(req), req.body),
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
