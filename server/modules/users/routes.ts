import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Id, Nullable } from '../../../domain/schemas/common';
import { MemberDetail } from '../../../domain/schemas/members';
import { PasswordReset, User, UserCreate } from '../../../domain/schemas/users';
import { requireActor } from '../../plugins/auth';
import { createUser, getMe, listUsers, resetPassword } from './service';

export async function userRoutes(app: FastifyInstance) {
  app.post('/users', { schema: { tags: ['users'], body: UserCreate, response: { 201: User } } }, async (req, reply) =>
    reply.status(201).send(await createUser(requireActor(req), req.body as UserCreate)),
  );

  app.get('/users', { schema: { tags: ['users'], response: { 200: Type.Object({ items: Type.Array(User) }) } } }, async (req) => ({
    items: await listUsers(requireActor(req)),
  }));

  app.get(
    '/users/me',
    { schema: { tags: ['users'], response: { 200: Type.Object({ user: User, csrfToken: Nullable(Type.String()), member: Nullable(MemberDetail), timeZone: Type.String({ description: 'IANA time zone for showing dates and times' }) }) } } },
    async (req) => {
      return getMe(requireActor(req), req.csrfToken);
    },
  );

  app.post(
    '/users/:id/password',
    { schema: { tags: ['users'], params: Type.Object({ id: Id }), body: PasswordReset, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await resetPassword(requireActor(req), (req.params as { id: string }).id, (req.body as { newPassword: string }).newPassword);
      return reply.status(204).send();
    },
  );
}
