import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Id, Nullable } from '../../../domain/schemas/common';
import { Ability } from '../../../domain/schemas/orgs';
import { MemberDetail } from '../../../domain/schemas/members';
import { PasswordReset, User, UserCreate } from '../../../domain/schemas/users';
import { requireActor } from '../../plugins/auth';
import { createUser, getMe, listUsers, resetPassword } from './service';

const Me = Type.Object({
  user: User,
  csrfToken: Nullable(Type.String()),
  member: Nullable(MemberDetail),
  /** the IANA time zone in which the web app shows dates and times */
  timeZone: Type.String(),
  /** what the caller may do somewhere in its scope, for pages to offer or hide actions */
  abilities: Type.Array(Ability),
});

export async function userRoutes(app: FastifyInstance) {
  app.post('/users', { schema: { tags: ['users'], body: UserCreate, response: { 201: User } } }, async (req, reply) =>
    reply.status(201).send(await createUser(requireActor(req), req.body as UserCreate)),
  );

  app.get('/users', { schema: { tags: ['users'], response: { 200: Type.Object({ items: Type.Array(User) }) } } }, async (req) => ({
    items: await listUsers(requireActor(req)),
  }));

  app.get(
    '/users/me',
    { schema: { tags: ['users'], response: { 200: Me } } },
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
