import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Nullable } from '../../../domain/schemas/common';
import {
  CommitmentDone,
  ItemCreate,
  ItemPatch,
  JointActivity,
  JointProject,
  Pairing,
  PairingAccept,
  PairingBulk,
  PairingBulkResult,
  PairingCreate,
  PairingDashboard,
  PairingDashboardQuery,
  PairingExportQuery,
  PairingFile,
  PairingHealthResult,
  PairingItem,
  PairingListQuery,
  PairingMatrix,
  PairingMatrixQuery,
  PairingPatch,
  PairingPolicy,
  PairingRemind,
  PairingRenew,
  PeriodQuery,
  ProjectCreate,
  ProjectPatch,
  SuggestionList,
  SuggestionQuery,
} from '../../../domain/schemas/pairings';
import { requireActor } from '../../plugins/auth';
import { disposition, requireUpload, sendWorkbook } from '../../uploads';
import { agreementDocx, plaqueDocx, type PairingDocument } from './documents';
import { pairingsXlsx } from './export';
import { addPairingFile, openPairingFile, removePairingFile } from './files';
import { dashboard, healthOfPairing, matrix } from './health';
import * as lists from './lists';
import { getPolicy, putPolicy } from './pairingPolicy';
import * as service from './service';

const Params = Type.Object({ id: Id });
const FileParams = Type.Object({ id: Id, fileId: Id });
const ItemParams = Type.Object({ id: Id, itemId: Id });
const ProjectParams = Type.Object({ id: Id, projectId: Id });
const CommitmentParams = Type.Object({ id: Id, commitmentId: Id });
const Binary = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
const tags = ['pairings'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function pairingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/pairings',
    {
      schema: {
        tags,
        description: 'Pairings the caller may read (through any party or the coordinator), newest validity first.',
        querystring: PairingListQuery,
        response: { 200: Type.Object({ items: Type.Array(Pairing), total: Type.Integer(), nextCursor: Nullable(Type.String()) }) },
      },
    },
    async (req) => service.listPairings(requireActor(req), req.query),
  );

  app.get(
    '/pairings/export.xlsx',
    {
      schema: {
        tags,
        description: "The list as its filter shows it (.xlsx): every pairing the list's filters select among those the caller may read, all pages.",
        querystring: PairingExportQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      return sendWorkbook(req, reply, pairingsXlsx(requireActor(req), req.query));
    },
  );

  app.post(
    '/pairings/remind',
    {
      schema: {
        tags,
        description: "催办: the agreement's keeper sends one note to the officers of the parties of each selected pairing in force; all or nothing, each refused id named under ids.<i>.",
        body: PairingRemind,
        response: { 200: Type.Object({ reminded: Type.Integer() }) },
      },
    },
    async (req) => service.remindPairings(requireActor(req), req.body),
  );

  app.post('/pairings', { schema: { tags, body: PairingCreate, response: { 201: Pairing } } }, async (req, reply) =>
    reply.status(201).send(await service.createPairing(requireActor(req), req.body)),
  );

  app.post(
    '/pairings/bulk',
    { schema: { tags, description: 'Ticked rows × columns of the matrix, one shared template; all or nothing.', body: PairingBulk, response: { 201: PairingBulkResult } } },
    async (req, reply) => reply.status(201).send(await service.bulkCreate(requireActor(req), req.body)),
  );

  app.get(
    '/pairings/matrix',
    {
      schema: {
        tags,
        description:
          "A coordinator's pairings as a matrix: rows are first parties, columns second parties; each cell is the latest pairing of the pair with its state and its health state in the period (the current quarter by default; null when it was not in force then).",
        querystring: PairingMatrixQuery,
        response: { 200: PairingMatrix },
      },
    },
    async (req) => matrix(requireActor(req), req.query.coordinator, req.query.period),
  );

  app.get(
    '/pairings/suggestions',
    {
      schema: {
        tags,
        description: "Suggested matches of open needs and open resources: across a coordinator's pairings (caller acts for the coordinator), or within one pairing.",
        querystring: SuggestionQuery,
        response: { 200: SuggestionList },
      },
    },
    async (req) => lists.suggestions(requireActor(req), req.query),
  );

  app.get(
    '/pairings/dashboard',
    {
      schema: {
        tags,
        description: "The coordinator's dashboard: totals, one row per pairing in force during the period with its health figures, and a trend for charts.",
        querystring: PairingDashboardQuery,
        response: { 200: PairingDashboard },
      },
    },
    async (req) => dashboard(requireActor(req), req.query.coordinator, req.query.period),
  );

  app.get('/pairings/:id', { schema: { tags, params: Params, response: { 200: Pairing } } }, async (req) => service.getPairing(requireActor(req), req.params.id));

  app.patch('/pairings/:id', { schema: { tags, params: Params, body: PairingPatch, response: { 200: Pairing } } }, async (req) =>
    service.updatePairing(requireActor(req), req.params.id, req.body),
  );

  app.delete(
    '/pairings/:id',
    {
      schema: {
        tags,
        description: 'Deletes a draft (never put into force, with no demands, joint activities or joint projects), by its author or its keeper; 409 otherwise.',
        params: Params,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.deletePairing(requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/pairings/:id/commitments/:commitmentId',
    {
      schema: {
        tags,
        description: 'Marks one commitment done on a day (or undoes it with null): the party that owes it, or the agreement\'s keeper.',
        params: CommitmentParams,
        body: CommitmentDone,
        response: { 200: Pairing },
      },
    },
    async (req) => service.markCommitment(requireActor(req), req.params.id, req.params.commitmentId, req.body),
  );

  // ---- printable documents, derived from the records
  const sendDocx = (reply: FastifyReply, file: PairingDocument) =>
    reply.headers({ 'content-type': DOCX, 'content-disposition': disposition(file.filename, DOCX), 'cache-control': 'no-store' }).send(file.body);
  app.get(
    '/pairings/:id/plaque.docx',
    { schema: { tags, description: 'The 共建 plaque: parties, title and period on one large, centred landscape page (.docx).', params: Params, response: { 200: Binary } } },
    async (req, reply) => sendDocx(reply, await plaqueDocx(requireActor(req), req.params.id)),
  );
  app.get(
    '/pairings/:id/agreement.docx',
    {
      schema: {
        tags,
        description: 'The agreement summary (.docx): parties, contacts (phones masked), validity, commitments with owners and due dates, needs, resources and joint projects.',
        params: Params,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDocx(reply, await agreementDocx(requireActor(req), req.params.id)),
  );

  app.post(
    '/pairings/:id/accept',
    {
      schema: {
        tags,
        description: 'A party side agrees to a pairing made by someone outside its scope; the draft can become active once every side has.',
        params: Params,
        body: PairingAccept,
        response: { 200: Pairing },
      },
    },
    async (req) => service.acceptPairing(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/pairings/:id/renew',
    { schema: { tags, description: 'The next period as a draft, linked by previousId (the old one shows it as nextId).', params: Params, body: PairingRenew, response: { 201: Pairing } } },
    async (req, reply) => reply.status(201).send(await service.renewPairing(requireActor(req), req.params.id, req.body)),
  );

  app.get('/pairings/:id/health', { schema: { tags, params: Params, querystring: PeriodQuery, response: { 200: PairingHealthResult } } }, async (req) =>
    healthOfPairing(requireActor(req), req.params.id, req.query.period),
  );

  app.get(
    '/pairings/:id/activities',
    { schema: { tags, description: 'The joint activities linked to the pairing, latest first.', params: Params, response: { 200: Type.Object({ items: Type.Array(JointActivity) }) } } },
    async (req) => ({ items: await lists.jointActivities(requireActor(req), req.params.id) }),
  );

  // ---- the agreement's files ----

  app.post('/pairings/:id/files', { schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 201: PairingFile } } }, async (req, reply) => {
    const ctx = requireActor(req);
    const upload = await requireUpload(req);
    return reply.status(201).send(await addPairingFile(ctx, req.params.id, upload));
  });

  app.get('/pairings/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 200: Binary } } }, async (req, reply) => {
    const file = await openPairingFile(requireActor(req), req.params.id, req.params.fileId);
    return reply.header('content-type', file.mime).header('content-disposition', disposition(file.filename, file.mime)).header('x-content-type-options', 'nosniff').send(file.stream);
  });

  app.delete('/pairings/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await removePairingFile(requireActor(req), req.params.id, req.params.fileId);
    return reply.status(204).send(null);
  });

  // ---- needs and resources ----

  for (const [path, kind] of [
    ['needs', 'need'],
    ['resources', 'resource'],
  ] as const) {
    app.get(`/pairings/:id/${path}`, { schema: { tags, params: Params, response: { 200: Type.Object({ items: Type.Array(PairingItem) }) } } }, async (req) => ({
      items: await lists.listItems(requireActor(req), req.params.id, kind),
    }));
    app.post(`/pairings/:id/${path}`, { schema: { tags, params: Params, body: ItemCreate, response: { 201: PairingItem } } }, async (req, reply) =>
      reply.status(201).send(await lists.createItem(requireActor(req), req.params.id, kind, req.body)),
    );
    app.patch(`/pairings/:id/${path}/:itemId`, { schema: { tags, params: ItemParams, body: ItemPatch, response: { 200: PairingItem } } }, async (req) =>
      lists.updateItem(requireActor(req), req.params.id, kind, req.params.itemId, req.body),
    );
  }

  // ---- joint projects ----

  app.get('/pairings/:id/projects', { schema: { tags, params: Params, response: { 200: Type.Object({ items: Type.Array(JointProject) }) } } }, async (req) => ({
    items: await lists.listProjects(requireActor(req), req.params.id),
  }));
  app.post(
    '/pairings/:id/projects',
    { schema: { tags, description: 'Matches a need with a resource (of this pairing or another of its coordinator); both become matched.', params: Params, body: ProjectCreate, response: { 201: JointProject } } },
    async (req, reply) => reply.status(201).send(await lists.createProject(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/pairings/:id/projects/:projectId', { schema: { tags, params: ProjectParams, body: ProjectPatch, response: { 200: JointProject } } }, async (req) =>
    lists.updateProject(requireActor(req), req.params.id, req.params.projectId, req.body),
  );

  // ---- the coordinator's policy ----

  app.get(
    '/orgs/:id/pairing-policy',
    { schema: { tags, description: "The organization's pairing policy (demand time limits, health thresholds), or the defaults.", params: Params, response: { 200: PairingPolicy } } },
    async (req) => getPolicy(requireActor(req), req.params.id),
  );
  app.put('/orgs/:id/pairing-policy', { schema: { tags, params: Params, body: PairingPolicy, response: { 200: PairingPolicy } } }, async (req) =>
    putPolicy(requireActor(req), req.params.id, req.body),
  );
}
