import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Activity, ActivityBatchCancel, ActivityCreate, ActivityExportQuery, ActivityType, ActivityFile, ActivityListQuery, ActivityPage, ActivityPatch, AttendanceList, Attendee, SignIn, SignInCode } from '../../../domain/schemas/activities';
import { ErrorBody, Id } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import { disposition, requireUpload, sendWorkbook } from '../../uploads';
import { cancelActivities } from './batch';
import { addFile, openFile, removeFile } from './files';
import { prepareActivityListExport } from './listExport';
import * as service from './service';

const Params = Type.Object({ id: Id });
const FileParams = Type.Object({ id: Id, fileId: Id });
/** a file download (documented as binary; the stream is sent as is) */
const Binary = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
const tags = ['activities'];

export async function activityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/activities',
    { schema: { tags, querystring: ActivityListQuery, response: { 200: ActivityPage } } },
    async (req) => service.listActivities(requireActor(req), req.query),
  );

  app.get(
    '/exports/activity-list.xlsx',
    {
      schema: {
        tags,
        summary: "The activities list's current filter as .xlsx: every activity it selects (all pages), within what the caller may read",
        querystring: ActivityExportQuery,
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const file = await prepareActivityListExport(requireActor(req), req.query);
      return sendWorkbook(req, reply, file);
    },
  );

  app.post(
    '/activities/batch-cancel',
    {
      schema: {
        tags,
        description:
          'Cancels planned activities with one reason, all or none: any that cannot be cancelled answers 4xx batch_refused with `details` naming each (`ids.3`), and nothing changes.',
        body: ActivityBatchCancel,
        response: { 200: Type.Object({ cancelled: Type.Integer() }) },
      },
    },
    async (req) => cancelActivities(requireActor(req), req.body),
  );

  app.post('/activities', { schema: { tags, body: ActivityCreate, response: { 201: Activity } } }, async (req, reply) =>
    reply.status(201).send(await service.createActivity(requireActor(req), req.body)),
  );

  app.post(
    '/orgs/:id/plan',
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ year: Type.Integer(), planned: Type.Integer(), items: Type.Array(Activity) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.planYearFor(requireActor(req), req.params.id, req.body.year)),
  );

  const CustomType = Type.Object({ id: Type.String(), orgId: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
  // with, for each activity type, the other requirements it may also count for under the organization's rules today
  const AlsoCountable = Type.Array(Type.Object({ type: ActivityType, alsoCounts: Type.Array(ActivityType) }));
  app.get(
    '/orgs/:id/activity-types',
    { schema: { tags, params: Params, response: { 200: Type.Object({ items: Type.Array(CustomType), alsoCountable: AlsoCountable }) } } },
    async (req) => service.listActivityTypes(requireActor(req), req.params.id),
  );
  app.post(
    '/orgs/:id/activity-types',
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ nameZh: Type.String({ minLength: 1, maxLength: 30 }), nameEn: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
        response: { 201: CustomType },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addCustomType(requireActor(req), req.params.id, req.body)),
  );

  app.get('/activities/:id', { schema: { tags, params: Params, response: { 200: Activity } } }, async (req) =>
    service.getActivity(requireActor(req), req.params.id),
  );

  app.patch('/activities/:id', { schema: { tags, params: Params, body: ActivityPatch, response: { 200: Activity } } }, async (req) =>
    service.updateActivity(requireActor(req), req.params.id, req.body),
  );

  // a co-host named without its consent answers for itself (someone managing that organization)
  const HostParams = Type.Object({ id: Id, orgId: Id });
  app.post('/activities/:id/hosts/:orgId/accept', { schema: { tags, params: HostParams, response: { 200: Activity } } }, async (req) => {
    const ctx = requireActor(req);
    await service.answerHost(ctx, req.params.id, req.params.orgId, 'accept');
    return service.getActivity(ctx, req.params.id);
  });
  app.post('/activities/:id/hosts/:orgId/decline', { schema: { tags, params: HostParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await service.answerHost(requireActor(req), req.params.id, req.params.orgId, 'decline');
    return reply.status(204).send(null);
  });

  app.get('/activities/:id/sign-in-code', { schema: { tags, params: Params, response: { 200: SignInCode } } }, async (req) => {
    const origin = `${req.protocol}://${req.host}`;
    return service.signInCode(requireActor(req), req.params.id, origin);
  });

  app.post('/activities/:id/sign-in', { schema: { tags, params: Params, body: SignIn, response: { 200: Attendee } } }, async (req) => {
    const attendee = await service.signIn(requireActor(req), req.params.id, req.body.code);
    await app.live.publish(`activity:${req.params.id}`, attendee);
    return attendee;
  });

  app.post('/activities/:id/files', { schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 201: ActivityFile } } }, async (req, reply) => {
    const ctx = requireActor(req);
    const upload = await requireUpload(req);
    return reply.status(201).send(await addFile(ctx, req.params.id, upload));
  });

  for (const thumbnail of [false, true]) {
    app.get(
      `/activities/:id/files/:fileId${thumbnail ? '/thumbnail' : ''}`,
      { schema: { tags, params: FileParams, response: { 200: Binary } } },
      async (req, reply) => {
        const file = await openFile(requireActor(req), req.params.id, req.params.fileId, thumbnail);
        return reply
          .header('content-type', file.mime)
          .header('content-disposition', disposition(file.filename, file.mime))
          .header('x-content-type-options', 'nosniff')
          .send(file.stream);
      },
    );
  }

  app.delete('/activities/:id/files/:fileId', { schema: { tags, params: FileParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await removeFile(requireActor(req), req.params.id, req.params.fileId);
    return reply.status(204).send(null);
  });

  app.get('/activities/:id/attendance', { schema: { tags, params: Params, response: { 200: AttendanceList } } }, async (req) =>
    service.attendance(requireActor(req), req.params.id),
  );

  // Server-Sent Events: each sign-in as it happens, so the organizer's screen updates without reloading.
  app.get('/activities/:id/attendance/stream', { schema: { tags, params: Params, hide: true } }, async (req, reply) => {
    const ctx = requireActor(req);
    await service.assertCanWatch(ctx, req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const unsubscribe = app.live.subscribe(`activity:${req.params.id}`, (data) => res.write(`event: attendee\ndata: ${JSON.stringify(data)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
