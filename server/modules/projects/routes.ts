import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, Id, Nullable } from '../../../domain/schemas/common';
import {
  Board,
  BoardQuery,
  BulletinQuery,
  Campaign,
  CampaignCreate,
  CampaignListQuery,
  CampaignPatch,
  DayQuery,
  DayView,
  EvaluationCreate,
  EvaluationSummary,
  Milestone,
  MilestoneCreate,
  MilestonePatch,
  MonthQuery,
  MonthView,
  Obstacle,
  ObstaclePatch,
  Project,
  ProjectBatchDecision,
  ProjectCreate,
  ProjectFile,
  ProjectListQuery,
  ProjectPatch,
  ProjectTransition,
  Report,
  ReportCreate,
  ReportPatch,
  Requirement,
  RequirementPatch,
  Supervision,
  SupervisionCreate,
  SupervisionPatch,
  Task,
  TaskCreate,
  TaskPatch,
  WeekQuery,
  WeekView,
} from '../../../domain/schemas/projects';
import { requireActor } from '../../plugins/auth';
import { attachment } from '../imports/routes';
import * as documents from './documents';
import * as files from './files';
import { disposition, requireUpload, sendWorkbook } from '../../uploads';
import * as plan from './plan';
import * as rollup from './rollup';
import * as service from './service';

const Params = Type.Object({ id: Id });
const ItemParams = Type.Object({ id: Id, itemId: Id });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['secretary projects'];
/** a file download (documented as binary; a Buffer is sent as is) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const List = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

export async function projectRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  // ---- campaigns
  app.get(
    '/project-campaigns',
    { schema: { tags, querystring: CampaignListQuery, response: { 200: Type.Object({ items: Type.Array(Campaign), nextCursor: Nullable(Type.String()) }), ...errors } } },
    async (req) => service.listCampaigns(requireActor(req), req.query),
  );
  app.post('/project-campaigns', { schema: { tags, body: CampaignCreate, response: { 201: Campaign, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createCampaign(requireActor(req), req.body)),
  );
  app.get('/project-campaigns/:id', { schema: { tags, params: Params, response: { 200: Campaign, ...errors } } }, async (req) => service.getCampaign(requireActor(req), req.params.id));
  app.patch('/project-campaigns/:id', { schema: { tags, params: Params, body: CampaignPatch, response: { 200: Campaign, ...errors } } }, async (req) =>
    service.updateCampaign(requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/project-campaigns/:id/board',
    { schema: { tags, summary: "The organizer's board: every project with state, health, progress, next milestone, open obstacles, last report, indicators", params: Params, querystring: BoardQuery, response: { 200: Board, ...errors } } },
    async (req) => rollup.board(requireActor(req), req.params.id, req.query),
  );
  app.get(
    '/project-campaigns/:id/week',
    { schema: { tags, summary: "A week's tasks and milestones per running project, and whether its report is in", params: Params, querystring: WeekQuery, response: { 200: WeekView, ...errors } } },
    async (req) => rollup.weekView(requireActor(req), req.params.id, req.query.week),
  );
  app.get(
    '/project-campaigns/:id/month',
    { schema: { tags, summary: "The month calendar: tasks and milestones of the running projects due in a month", params: Params, querystring: MonthQuery, response: { 200: MonthView, ...errors } } },
    async (req) => rollup.monthView(requireActor(req), req.params.id, req.query.month),
  );
  app.get(
    '/project-campaigns/:id/day',
    { schema: { tags, summary: "A day's tasks and milestones due, and those overdue, across the campaign", params: Params, querystring: DayQuery, response: { 200: DayView, ...errors } } },
    async (req) => rollup.dayView(requireActor(req), req.params.id, req.query.date),
  );

  // ---- documents derived from the records
  const send = (reply: FastifyReply, file: documents.ProjectDocument, type: string) =>
    reply.headers({ 'content-type': type, 'content-disposition': attachment(file.filename), 'cache-control': 'no-store' }).send(file.body);
  app.get(
    '/project-campaigns/:id/notice.docx',
    { schema: { tags, summary: 'The approval notice (批复通知) listing every approved project', params: Params, response: { 200: Binary, ...errors } } },
    async (req, reply) => send(reply, await documents.noticeDocx(requireActor(req), req.params.id), DOCX),
  );
  app.get(
    '/project-campaigns/:id/bulletin.docx',
    { schema: { tags, summary: "The monthly bulletin (月度通报): each project's progress, indicators, obstacles and supervision findings in the month", params: Params, querystring: BulletinQuery, response: { 200: Binary, ...errors } } },
    async (req, reply) => send(reply, await documents.bulletinDocx(requireActor(req), req.params.id, req.query.month), DOCX),
  );
  app.get(
    '/project-campaigns/:id/board.xlsx',
    { schema: { tags, summary: "The organizer's board as its filter shows it (.xlsx): the same rows as GET /project-campaigns/:id/board with the same query", params: Params, querystring: BoardQuery, response: { 200: Binary, ...errors } } },
    async (req, reply) => sendWorkbook(req, reply, await documents.boardXlsx(requireActor(req), req.params.id, req.query)),
  );
  app.get(
    '/project-campaigns/:id/ledger.xlsx',
    { schema: { tags, summary: 'The campaign ledger: projects and weekly reports', params: Params, response: { 200: Binary, ...errors } } },
    async (req, reply) => send(reply, await documents.ledgerXlsx(requireActor(req), req.params.id), XLSX),
  );

  // ---- attachments: the campaign's plan, a project's plan and evidence (of a weekly report with ?reportId=)
  const FileParams = Type.Object({ id: Id, fileId: Id });
  const stream = (reply: FastifyReply, f: { stream: NodeJS.ReadableStream; mime: string; filename: string }) =>
    reply.header('content-type', f.mime).header('content-disposition', disposition(f.filename, f.mime)).header('x-content-type-options', 'nosniff').send(f.stream);
  const Stream = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
  app.post('/project-campaigns/:id/files', { schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 201: ProjectFile, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await files.addCampaignFile(requireActor(req), req.params.id, await requireUpload(req))),
  );
  app.get('/project-campaigns/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 200: Stream, ...errors } } }, async (req, reply) =>
    stream(reply, await files.openCampaignFile(requireActor(req), req.params.id, req.params.fileId)),
  );
  app.post(
    '/secretary-projects/:id/files',
    { schema: { tags, params: Params, querystring: Type.Object({ reportId: Type.Optional(Id) }, { additionalProperties: false }), consumes: ['multipart/form-data'], response: { 201: ProjectFile, ...errors } } },
    async (req, reply) => reply.status(201).send(await files.addProjectFile(requireActor(req), req.params.id, req.query.reportId, await requireUpload(req))),
  );
  app.get('/secretary-projects/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 200: Stream, ...errors } } }, async (req, reply) =>
    stream(reply, await files.openProjectFile(requireActor(req), req.params.id, req.params.fileId)),
  );

  // ---- projects
  app.get(
    '/secretary-projects',
    { schema: { tags, querystring: ProjectListQuery, response: { 200: Type.Object({ items: Type.Array(Project), nextCursor: Nullable(Type.String()) }), ...errors } } },
    async (req) => service.listProjects(requireActor(req), req.query),
  );
  app.post('/secretary-projects', { schema: { tags, body: ProjectCreate, response: { 201: Project, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createProject(requireActor(req), req.body)),
  );
  app.get('/secretary-projects/:id', { schema: { tags, params: Params, response: { 200: Project, ...errors } } }, async (req) => service.getProject(requireActor(req), req.params.id));
  app.patch('/secretary-projects/:id', { schema: { tags, params: Params, body: ProjectPatch, response: { 200: Project, ...errors } } }, async (req) =>
    service.updateProject(requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/secretary-projects/batch',
    {
      schema: {
        tags,
        summary: 'Approve (one notice number) or return (one note) several submitted applications; all or nothing, each refused id named under ids.<i>',
        body: ProjectBatchDecision,
        response: { 200: Type.Object({ items: Type.Array(Project) }), ...errors },
      },
    },
    async (req) => service.decideProjects(requireActor(req), req.body),
  );
  app.post('/secretary-projects/:id/transition', { schema: { tags, params: Params, body: ProjectTransition, response: { 200: Project, ...errors } } }, async (req) =>
    service.transitionProject(requireActor(req), req.params.id, req.body),
  );

  // ---- the records under a project
  app.get('/secretary-projects/:id/milestones', { schema: { tags, params: Params, response: { 200: List(Milestone), ...errors } } }, async (req) => plan.listMilestones(requireActor(req), req.params.id));
  app.post('/secretary-projects/:id/milestones', { schema: { tags, params: Params, body: MilestoneCreate, response: { 201: Milestone, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await plan.addMilestone(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/secretary-projects/:id/milestones/:itemId', { schema: { tags, params: ItemParams, body: MilestonePatch, response: { 200: Milestone, ...errors } } }, async (req) =>
    plan.patchMilestone(requireActor(req), req.params.id, req.params.itemId, req.body),
  );

  app.get('/secretary-projects/:id/tasks', { schema: { tags, params: Params, response: { 200: List(Task), ...errors } } }, async (req) => plan.listTasks(requireActor(req), req.params.id));
  app.post('/secretary-projects/:id/tasks', { schema: { tags, params: Params, body: TaskCreate, response: { 201: Task, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await plan.addTask(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/secretary-projects/:id/tasks/:itemId', { schema: { tags, params: ItemParams, body: TaskPatch, response: { 200: Task, ...errors } } }, async (req) =>
    plan.patchTask(requireActor(req), req.params.id, req.params.itemId, req.body),
  );

  app.get(
    '/secretary-projects/:id/people',
    { schema: { tags, summary: 'Who may own a task: the people of the applying organization, the leader, the contact leader, the supervisors', params: Params, response: { 200: List(Type.Object({ id: Type.String(), name: Type.String() })), ...errors } } },
    async (req) => plan.taskOwners(requireActor(req), req.params.id),
  );

  app.get('/secretary-projects/:id/reports', { schema: { tags, params: Params, response: { 200: List(Report), ...errors } } }, async (req) => plan.listReports(requireActor(req), req.params.id));
  app.post('/secretary-projects/:id/reports', { schema: { tags, summary: 'The weekly progress report (one per ISO week)', params: Params, body: ReportCreate, response: { 201: Report, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await plan.addReport(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/secretary-projects/:id/reports/:itemId', { schema: { tags, params: ItemParams, body: ReportPatch, response: { 200: Report, ...errors } } }, async (req) =>
    plan.patchReport(requireActor(req), req.params.id, req.params.itemId, req.body),
  );

  app.get('/secretary-projects/:id/obstacles', { schema: { tags, params: Params, response: { 200: List(Obstacle), ...errors } } }, async (req) => plan.listObstacles(requireActor(req), req.params.id));
  app.patch('/secretary-projects/:id/obstacles/:itemId', { schema: { tags, summary: 'Clear an obstacle by setting clearedOn', params: ItemParams, body: ObstaclePatch, response: { 200: Obstacle, ...errors } } }, async (req) =>
    plan.patchObstacle(requireActor(req), req.params.id, req.params.itemId, req.body),
  );

  app.get('/secretary-projects/:id/supervisions', { schema: { tags, params: Params, response: { 200: List(Supervision), ...errors } } }, async (req) => plan.listSupervisions(requireActor(req), req.params.id));
  app.post('/secretary-projects/:id/supervisions', { schema: { tags, summary: "A field supervisor's visit", params: Params, body: SupervisionCreate, response: { 201: Supervision, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await plan.addSupervision(requireActor(req), req.params.id, req.body)),
  );
  app.patch('/secretary-projects/:id/supervisions/:itemId', { schema: { tags, params: ItemParams, body: SupervisionPatch, response: { 200: Supervision, ...errors } } }, async (req) =>
    plan.patchSupervision(requireActor(req), req.params.id, req.params.itemId, req.body),
  );
  app.patch('/secretary-projects/:id/requirements/:itemId', { schema: { tags, summary: "The leader's answer to a supervision requirement", params: ItemParams, body: RequirementPatch, response: { 200: Requirement, ...errors } } }, async (req) =>
    plan.answerRequirement(requireActor(req), req.params.id, req.params.itemId, req.body),
  );

  app.get('/secretary-projects/:id/evaluation', { schema: { tags, params: Params, response: { 200: EvaluationSummary, ...errors } } }, async (req) => plan.getEvaluation(requireActor(req), req.params.id));
  app.post('/secretary-projects/:id/evaluation', { schema: { tags, summary: "One evaluator's scores; the project's score is the evaluators' mean", params: Params, body: EvaluationCreate, response: { 200: EvaluationSummary, ...errors } } }, async (req) =>
    plan.evaluate(requireActor(req), req.params.id, req.body),
  );

  const Linked = List(Type.Object({ id: Type.String(), theme: Type.String(), type: Type.String(), startsAt: Type.String() }));
  app.post('/secretary-projects/:id/activities', { schema: { tags, summary: 'Link an activity to the project (it then shows on the timeline)', params: Params, body: Type.Object({ activityId: Id }, { additionalProperties: false }), response: { 200: Linked, ...errors } } }, async (req) =>
    plan.linkActivity(requireActor(req), req.params.id, req.body.activityId),
  );
  app.delete('/secretary-projects/:id/activities/:itemId', { schema: { tags, params: ItemParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await plan.unlinkActivity(requireActor(req), req.params.id, req.params.itemId);
    return reply.status(204).send(null);
  });
}
