import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { REMINDER_KINDS } from '../../../domain/reminders';
import { Id, Nullable } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import { listNotifications, markRead } from './service';

const tags = ['notifications'];
const Notification = Type.Object({
  id: Type.String(),
  kind: Type.Enum(REMINDER_KINDS),
  subjectType: Type.String(),
  subjectId: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String(),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export async function notificationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Notification), unreadCount: Type.Integer() }) },
      },
    },
    async (req) => listNotifications(requireActor(req), req.query),
  );

  app.post('/notifications/:id/read', { schema: { tags, params: Type.Object({ id: Id }), response: { 204: Type.Null() } } }, async (req, reply) => {
    await markRead(requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/notifications/read-all', { schema: { tags, response: { 204: Type.Null() } } }, async (req, reply) => {
    await markRead(requireActor(req), null);
    return reply.status(204).send(null);
  });
}
