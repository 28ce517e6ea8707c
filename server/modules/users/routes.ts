import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, Id, Nullable } from '../../../domain/schemas/common';
import { Ability } from '../../../domain/schemas/orgs';
import { MemberDetail } from '../../../domain/schemas/members';
import { PasswordReset, User, UserBatch, UserCreate, UserFilter, UserListItem, UserListQuery, UserUpdate } from '../../../domain/schemas/users';
import { requireActor } from '../../plugins/auth';
import { sendWorkbook } from '../../uploads';
import { usersWorkbook } from './export';
import { createUser, getMe, listUsers, resetPassword, setUserDisabled, setUsersDisabled, updateUser } from './service';

const Me = Type.Object({
  user: User,
  csrfToken: Nullable(Type.String()),
  member: Nullable(MemberDetail),
  /** the IANA time zone in which the web app shows dates and times */
  timeZone: Type.String(),
  /** what the caller may do somewhere in its scope, for pages to offer or hide actions */
  abilities: Type.Array(Ability),
});

const ById = Type.Object({ id: Id });
/** a file download (documented as binary; a Buffer is sent as is) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

export async function userRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/users', { schema: { tags: ['users'], body: UserCreate, response: { 201: User } } }, async (req, reply) =>
    reply.status(201).send(await createUser(requireActor(req), req.body)),
  );

  app.get(
    '/users',
    { schema: { tags: ['users'], querystring: UserListQuery, response: { 200: Type.Object({ items: Type.Array(UserListItem), total: Type.Integer() }) } } },
    async (req) => listUsers(requireActor(req), req.query),
  );

  app.get(
    '/users/export.xlsx',
    {
      schema: {
        tags: ['users'],
        summary: 'The accounts the list filter selects, every page of them, as .xlsx',
        querystring: UserFilter,
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      return sendWorkbook(req, reply, await usersWorkbook(requireActor(req), req.query));
    },
  );

  app.post(
    '/users/batch',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable or enable several accounts: all of them, or none (details name each id refused)',
        body: UserBatch,
        response: { 200: Type.Object({ items: Type.Array(UserListItem) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => ({ items: await setUsersDisabled(requireActor(req), req.body.ids, req.body.action === 'disable') }),
  );

  app.get('/users/me', { schema: { tags: ['users'], response: { 200: Me } } }, async (req) => getMe(requireActor(req), req.csrfToken));

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], params: ById, body: UserUpdate, response: { 200: UserListItem } } },
    async (req) => updateUser(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/users/:id/disable',
    { schema: { tags: ['users'], params: ById, response: { 200: UserListItem } } },
    async (req) => setUserDisabled(requireActor(req), req.params.id, true),
  );

  app.post(
    '/users/:id/enable',
    { schema: { tags: ['users'], params: ById, response: { 200: UserListItem } } },
    async (req) => setUserDisabled(requireActor(req), req.params.id, false),
  );

  app.post(
    '/users/:id/password',
    { schema: { tags: ['users'], params: ById, body: PasswordReset, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await resetPassword(requireActor(req), req.params.id, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );
}
