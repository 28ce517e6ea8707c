import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Id } from '../../../domain/schemas/common';
import { Login, PasswordChange, TokenCreate, User } from '../../../domain/schemas/users';
import { SESSION_COOKIE, requireActor } from '../../plugins/auth';
import { userView } from '../users/service';
import { changePassword, createApiToken, listApiTokens, login, logout, revokeApiToken } from './service';

export async function authRoutes(app: FastifyInstance) {
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], security: [], body: Login, response: { 200: Type.Object({ user: User, csrfToken: Type.String() }) } } },
    async (req, reply) => {
      const body = req.body as { username: string; password: string };
      const result = await login(req.anonCtx, body.username, body.password, req.ip);
      void reply.setCookie(SESSION_COOKIE, result.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // req.protocol honours X-Forwarded-Proto only from a trusted proxy (GONGJIAN_TRUST_PROXY)
        secure: req.protocol === 'https',
        maxAge: req.anonCtx.config.sessionMaxHours * 3600,
      });
      return { user: await userView(req.anonCtx.db, result.user), csrfToken: result.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: Type.Null() } } }, async (req, reply) => {
    await logout(requireActor(req), req.sessionHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post('/auth/password', { schema: { tags: ['auth'], body: PasswordChange, response: { 204: Type.Null() } } }, async (req, reply) => {
    const body = req.body as { currentPassword: string; newPassword: string };
    await changePassword(requireActor(req), body.currentPassword, body.newPassword);
    return reply.status(204).send();
  });

  app.post(
    '/auth/tokens',
    { schema: { tags: ['auth'], body: TokenCreate, response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) } } },
    async (req, reply) => reply.status(201).send(await createApiToken(requireActor(req), (req.body as { name: string }).name)),
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) })),
          }),
        },
      },
    },
    async (req) => {
      const rows = await listApiTokens(requireActor(req));
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null })) };
    },
  );

  app.delete('/auth/tokens/:id', { schema: { tags: ['auth'], params: Type.Object({ id: Id }), response: { 204: Type.Null() } } }, async (req, reply) => {
    await revokeApiToken(requireActor(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
