import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { todayInChina } from '../../domain/dates';
import type { Config } from '../config';
import type { Ctx } from '../context';
import { fieldCrypto, sha256 } from '../crypto';
import type { Database } from '../db/client';
import { appError, unauthorized } from '../errors';
import { sessionCaller, tokenCaller } from '../modules/auth/sessions';

export const SESSION_COOKIE = 'gj_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** set when the request carries a valid session or API token */
    ctx: Ctx | null;
    /** the session's cookie hash, for logout */
    sessionHash: string | null;
    /** the session's CSRF token, for the web app reloading a page */
    csrfToken: string | null;
    /** a context for unauthenticated work (login) */
    anonCtx: Ctx;
  }
}

function langOf(req: FastifyRequest): 'zh' | 'en' {
  const header = req.headers['accept-language'] ?? '';
  return /^en/i.test(header) ? 'en' : 'zh';
}

/** Resolves the caller from an API token or a session cookie (with its CSRF header on writes). */
export const authPlugin = fp(async (app: FastifyInstance, opts: { database: Database; config: Config }) => {
  const crypto = fieldCrypto(opts.config.secretKey);
  app.decorateRequest('ctx', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('anonCtx', null as unknown as Ctx);

  app.addHook('onRequest', async (req) => {
    const base = {
      db: opts.database.db,
      requestId: req.id,
      today: todayInChina(),
      lang: langOf(req),
      crypto,
      config: opts.config,
    };
    req.anonCtx = { ...base, actor: { userId: '', memberId: null, grants: [] } };
    if (!req.url.startsWith('/api/')) return;
    // the ballot routes are public (the code is the credential) and a meeting's hot path: no session lookup
    if (req.url.startsWith('/api/v1/ballots/')) return;

    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m?.[1]) throw unauthorized();
      const caller = await tokenCaller(opts.database.db, sha256(m[1]));
      if (!caller) throw appError(401, 'bad_api_token');
      req.ctx = { ...base, actor: caller.actor };
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const hash = sha256(cookie);
    const caller = await sessionCaller(opts.database.db, hash, opts.config);
    if (!caller) return;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== caller.csrfToken) {
      throw appError(403, 'csrf');
    }
    req.sessionHash = hash;
    req.csrfToken = caller.csrfToken;
    req.ctx = { ...base, actor: caller.actor };
  });
});

export function requireActor(req: FastifyRequest): Ctx {
  if (!req.ctx) throw unauthorized();
  return req.ctx;
}
