import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Activity, ActivityCreate, ActivityListQuery, ActivityPatch, AttendanceList, Attendee, SignIn, SignInCode } from '../../../domain/schemas/activities';
import { Id, Nullable } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const Params = Type.Object({ id: Id });
const tags = ['activities'];

export async function activityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/activities',
    { schema: { tags, querystring: ActivityListQuery, response: { 200: Type.Object({ items: Type.Array(Activity), nextCursor: Nullable(Type.String()) }) } } },
    async (req) => service.listActivities(requireActor(req), req.query),
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

  app.get('/activities/:id', { schema: { tags, params: Params, response: { 200: Activity } } }, async (req) =>
    service.getActivity(requireActor(req), req.params.id),
  );

  app.patch('/activities/:id', { schema: { tags, params: Params, body: ActivityPatch, response: { 200: Activity } } }, async (req) =>
    service.updateActivity(requireActor(req), req.params.id, req.body),
  );

  app.get('/activities/:id/sign-in-code', { schema: { tags, params: Params, response: { 200: SignInCode } } }, async (req) => {
    const origin = `${req.protocol}://${req.host}`;
    return service.signInCode(requireActor(req), req.params.id, origin);
  });

  app.post('/activities/:id/sign-in', { schema: { tags, params: Params, body: SignIn, response: { 200: Attendee } } }, async (req) => {
    const attendee = await service.signIn(requireActor(req), req.params.id, req.body.code);
    await app.live.publish(`activity:${req.params.id}`, attendee);
    return attendee;
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
