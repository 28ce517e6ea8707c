import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { normalizeBallotCode } from '../../../domain/assessments/codes';
import {
  Assessment,
  AssessmentCreate,
  AssessmentListQuery,
  AssessmentNote,
  AssessmentNoteCreate,
  AssessmentPatch,
  AssessmentSummary,
  AssessmentTransition,
  BallotReceipt,
  BallotSheet,
  BallotSubmit,
  CodesIssue,
  CodesIssued,
  CodesToUsers,
  FollowUp,
  FollowUpCreate,
  FollowUpList,
  FollowUpPatch,
  PaperBallot,
  Progress,
  ReporterFigures,
  Results,
  SlipsRequest,
} from '../../../domain/schemas/assessments';
import { ErrorBody, Id, Nullable } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import { disposition, requireUpload, sendWorkbook } from '../../uploads';
import { ballotSheet, castBallot, codeKey } from './ballots';
import { assessmentsWorkbook, ballotSlips, ballotsCsv, reporterLetter, resultsWorkbook, type AssessmentFile } from './documents';
import { attachReport, openReport } from './files';
import * as service from './service';

const Params = Type.Object({ id: Id });
const ReporterParams = Type.Object({ id: Id, reporterId: Id });
const ItemParams = Type.Object({ id: Id, itemId: Id });
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
/** a file download (documented as binary; a Buffer is sent as is) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CSV = 'text/csv; charset=utf-8';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['assessments'];
const topic = (id: string) => `assessment:${id}`;
/** the projector's counts are recomputed at most this often however fast ballots arrive */
const PROGRESS_EVERY_MS = 250;

export async function assessmentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const key = codeKey(app.config.secretKey);
  // live updates must never fail the request that caused them
  const announce = (id: string, what: string) => void app.live.publish(topic(id), { what }).catch(() => undefined);
  const file = (type: string) => (f: AssessmentFile) => ({ headers: { 'content-type': type, 'content-disposition': disposition(f.filename, type), 'cache-control': 'no-store' }, body: f.body });

  app.get('/assessments', { schema: { tags, querystring: AssessmentListQuery, response: { 200: Type.Object({ items: Type.Array(AssessmentSummary), nextCursor: Nullable(Type.String()) }) } } }, async (req) =>
    service.listAssessments(requireActor(req), req.query),
  );

  app.get(
    '/assessments/export.xlsx',
    { schema: { tags, summary: 'The assessments the list filter selects (.xlsx)', querystring: AssessmentListQuery, response: { 200: Binary, ...errors } } },
    async (req, reply) => {
      return sendWorkbook(req, reply, assessmentsWorkbook(requireActor(req), req.query));
    },
  );

  app.post('/assessments', { schema: { tags, body: AssessmentCreate, response: { 201: Assessment, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createAssessment(requireActor(req), req.body)),
  );

  app.get('/assessments/:id', { schema: { tags, params: Params, response: { 200: Assessment, ...errors } } }, async (req) => service.getAssessment(requireActor(req), req.params.id));

  app.patch('/assessments/:id', { schema: { tags, params: Params, body: AssessmentPatch, response: { 200: Assessment, ...errors } } }, async (req) =>
    service.updateAssessment(requireActor(req), req.params.id, req.body),
  );

  app.post('/assessments/:id/codes', { schema: { tags, params: Params, body: CodesIssue, response: { 201: CodesIssued, ...errors } } }, async (req, reply) => {
    const issued = await service.issueCodes(requireActor(req), req.params.id, req.body);
    announce(req.params.id, 'codes');
    return reply.status(201).send(issued);
  });

  app.post(
    '/assessments/:id/codes/users',
    { schema: { tags, summary: 'Issue one code to each user in-app (a notification with the code and the ballot link)', params: Params, body: CodesToUsers, response: { 201: Type.Object({ issued: Type.Integer() }), ...errors } } },
    async (req, reply) => {
      const issued = await service.issueCodesToUsers(requireActor(req), req.params.id, req.body);
      announce(req.params.id, 'codes');
      return reply.status(201).send(issued);
    },
  );

  // The plain codes are stored nowhere, so the slips are made from the codes the browser got when they were issued.
  app.post(
    '/assessments/:id/slips.docx',
    { schema: { tags, summary: 'Ballot slips (.docx) for codes of this assessment, one per code with its QR code', params: Params, body: SlipsRequest, response: { 200: Binary, ...errors } } },
    async (req, reply) => {
      const own = await service.requireOwnCodes(requireActor(req), req.params.id, req.body.codes, normalizeBallotCode);
      const f = file(DOCX)(await ballotSlips({ title: own.assessment.title, origin: `${req.protocol}://${req.host}`, slips: own.slips, groups: own.groups, venues: own.venues }));
      return reply.headers(f.headers).send(f.body);
    },
  );

  app.post('/assessments/:id/transition', { schema: { tags, params: Params, body: AssessmentTransition, response: { 200: Assessment, ...errors } } }, async (req) => {
    const assessment = await service.transitionAssessment(requireActor(req), req.params.id, req.body);
    announce(req.params.id, 'state');
    return assessment;
  });

  // ---- the ballot, public: the code is the only credential -------------------------------------------------------

  app.get('/ballots/:code', { schema: { tags, security: [], params: CodeParams, response: { 200: BallotSheet, 404: ErrorBody, 429: ErrorBody } } }, async (req) =>
    ballotSheet(app.database.db, key, req.params.code, req.ip),
  );

  app.post(
    '/ballots/:code',
    { schema: { tags, security: [], params: CodeParams, body: BallotSubmit, response: { 200: BallotReceipt, 201: BallotReceipt, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } } },
    async (req, reply) => {
      const cast = await castBallot(app.database.db, key, { code: req.params.code, submissionId: req.body.submissionId, grades: req.body.grades, paper: false }, { address: req.ip });
      if (cast.status === 201) announce(cast.assessmentId, 'ballot');
      return reply.status(cast.status).send(cast.receipt);
    },
  );

  app.post(
    '/assessments/:id/paper-ballots',
    { schema: { tags, summary: 'A paper ballot keyed in by a clerk against its code; it counts the same, marked as paper', params: Params, body: PaperBallot, response: { 201: BallotReceipt, ...errors } } },
    async (req, reply) => {
      const ctx = requireActor(req);
      await service.requireManage(ctx, req.params.id);
      const cast = await castBallot(ctx.db, key, { code: req.body.code, submissionId: null, grades: req.body.grades, paper: true }, { address: null, assessmentId: req.params.id });
      announce(req.params.id, 'ballot');
      return reply.status(201).send(cast.receipt);
    },
  );

  // ---- progress ----------------------------------------------------------------------------------------------

  app.get('/assessments/:id/progress', { schema: { tags, params: Params, response: { 200: Progress, ...errors } } }, async (req) => service.getProgress(requireActor(req), req.params.id));

  // Server-Sent Events: the counts (never grades) as ballots arrive, at most every PROGRESS_EVERY_MS, for the projector.
  app.get('/assessments/:id/progress/stream', { schema: { tags, params: Params, hide: true } }, async (req, reply) => {
    const ctx = requireActor(req);
    const id = req.params.id;
    await service.assertCanWatch(ctx, id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let closed = false;
    let timer: NodeJS.Timeout | null = null;
    const send = async () => {
      timer = null;
      try {
        const progress = await service.progressOf(app.database.db, id);
        if (!closed) res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
      } catch {
        // the next ballot or heartbeat tries again
      }
    };
    const unsubscribe = app.live.subscribe(topic(id), () => {
      timer ??= setTimeout(() => void send(), PROGRESS_EVERY_MS);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
    req.raw.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      unsubscribe();
    });
    res.write(': connected\n\n');
    await send();
  });

  // ---- results and documents ------------------------------------------------------------------------------------

  app.get('/assessments/:id/results', { schema: { tags, params: Params, response: { 200: Results, ...errors } } }, async (req) => service.getResults(requireActor(req), req.params.id));

  app.get('/assessments/:id/results.xlsx', { schema: { tags, summary: '测评汇总表 (.xlsx)', params: Params, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const f = file(XLSX)(await resultsWorkbook(requireActor(req), req.params.id));
    return reply.headers(f.headers).send(f.body);
  });

  app.get('/assessments/:id/ballots.csv', { schema: { tags, summary: 'Every ballot, anonymous, in an order that says nothing of time', params: Params, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const f = file(CSV)(await ballotsCsv(requireActor(req), req.params.id));
    return reply.headers(f.headers).send(f.body);
  });

  app.get('/assessments/:id/reporters/:reporterId/letter.docx', { schema: { tags, summary: "A reporter's result letter (.docx)", params: ReporterParams, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const f = file(DOCX)(await reporterLetter(requireActor(req), req.params.id, req.params.reporterId));
    return reply.headers(f.headers).send(f.body);
  });

  app.get('/assessments/:id/reporters/:reporterId/figures', { schema: { tags, params: ReporterParams, response: { 200: ReporterFigures, ...errors } } }, async (req) =>
    service.reporterFigures(requireActor(req), req.params.id, req.params.reporterId),
  );

  // the reporter's written report (述职报告)
  app.post(
    '/assessments/:id/reporters/:reporterId/report',
    { schema: { tags, params: ReporterParams, consumes: ['multipart/form-data'], response: { 201: Type.Object({ reporterId: Id, reportFilename: Type.String() }), ...errors } } },
    async (req, reply) => {
      const ctx = requireActor(req);
      return reply.status(201).send(await attachReport(ctx, req.params.id, req.params.reporterId, await requireUpload(req)));
    },
  );
  app.get('/assessments/:id/reporters/:reporterId/report', { schema: { tags, params: ReporterParams, response: { 200: Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' }), ...errors } } }, async (req, reply) => {
    const f = await openReport(requireActor(req), req.params.id, req.params.reporterId);
    return reply.header('content-type', f.mime).header('content-disposition', disposition(f.filename, f.mime)).header('x-content-type-options', 'nosniff').send(f.stream);
  });

  // ---- questions, comments and the follow-up list -------------------------------------------------------------------

  app.get('/assessments/:id/notes', { schema: { tags, params: Params, response: { 200: Type.Object({ items: Type.Array(AssessmentNote) }), ...errors } } }, async (req) =>
    service.listNotes(requireActor(req), req.params.id),
  );
  app.post('/assessments/:id/notes', { schema: { tags, params: Params, body: AssessmentNoteCreate, response: { 201: AssessmentNote, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.addNote(requireActor(req), req.params.id, req.body)),
  );

  app.get('/assessments/:id/follow-ups', { schema: { tags, params: Params, response: { 200: FollowUpList, ...errors } } }, async (req) => service.listFollowUps(requireActor(req), req.params.id));
  app.post('/assessments/:id/follow-ups', { schema: { tags, params: Params, body: FollowUpCreate, response: { 201: FollowUp, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.addFollowUp(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/assessments/:id/follow-ups/:itemId', { schema: { tags, params: ItemParams, body: FollowUpPatch, response: { 200: FollowUp, ...errors } } }, async (req) =>
    service.updateFollowUp(requireActor(req), req.params.id, req.params.itemId, req.body),
  );
}
