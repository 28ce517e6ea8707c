import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { languageOf } from '../../domain/messages/registry';
import { AppError, appError, errorBody, invalid, type FieldError } from '../errors';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Ajv's issues as coded field errors, the field named by its path ("roles.0.orgId") or its missing key. */
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const KEYWORD_CODES: Record<string, string> = {
  maxLength: 'too_long',
  minLength: 'too_short',
  format: 'format',
  pattern: 'pattern',
  enum: 'enum',
  const: 'enum',
  anyOf: 'enum',
  type: 'type',
  minimum: 'minimum',
  exclusiveMinimum: 'minimum',
  maximum: 'maximum',
  exclusiveMaximum: 'maximum',
  minItems: 'too_few_items',
  maxItems: 'too_many_items',
  uniqueItems: 'not_unique',
};

function fieldErrors(issues: AjvIssue[]): FieldError[] {
  return issues.map((i) => {
    const path = (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const p = i.params ?? {};
    if (i.keyword === 'required') return { field: [path, text(p.missingProperty)].filter(Boolean).join('.'), code: 'required' };
    if (i.keyword === 'additionalProperties') {
      const field = [path, text(p.additionalProperty)].filter(Boolean).join('.');
      return { field, code: 'unknown_field', params: { field } };
    }
    const field = path || '(body)';
    if (i.keyword === 'minLength' && p.limit === 1) return { field, code: 'required' };
    const code = KEYWORD_CODES[i.keyword ?? ''] ?? 'invalid';
    const params: Record<string, string> = {};
    for (const key of ['limit', 'format', 'type'] as const) if (text(p[key])) params[key] = text(p[key]);
    return { field, code, params };
  });
}

/** The PostgreSQL error behind a failed query (Drizzle wraps it as the cause), if any. */
function databaseError(err: unknown): { code: string; constraint?: string } | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as { code: string; constraint?: string };
  }
  return null;
}

// Unique constraints a request can run into, by the field that names the duplicate. A service checks
// first and answers with its own message; these catch the race of two requests passing that check at once.
const UNIQUE_FIELDS: Record<string, { field: string; code: string }> = {
  users_username_unique: { field: 'username', code: 'username_taken' },
  members_id_number: { field: 'idNumber', code: 'id_number_taken' },
  orgs_code: { field: 'code', code: 'org_code_taken' },
  rule_pack_versions_org_from: { field: 'effectiveFrom', code: 'conflict' },
};

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  // Every error answers in the caller's language (Accept-Language, Chinese by default), worded by the catalog.
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = languageOf(req.headers['accept-language']);
    if (err instanceof AppError) return reply.status(err.status).send(errorBody(err, lang));
    if (err.validation) return reply.status(400).send(errorBody(invalid(fieldErrors(err.validation)), lang));
    const db = databaseError(err);
    if (db?.code === '23505') {
      const known = db.constraint ? UNIQUE_FIELDS[db.constraint] : undefined;
      const conflict = known ? appError(409, known.code, {}, [known]) : appError(409, 'conflict');
      return reply.status(409).send(errorBody(conflict, lang));
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own refusals (media type, body size, bad JSON) keep their code, worded as a bad request
      const body = errorBody(appError(status, 'bad_request', { reason: err.message }), lang);
      return reply.status(status).send({ error: { ...body.error, code: err.code ? err.code.toLowerCase() : 'bad_request' } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send(errorBody(appError(500, 'internal', { requestId: req.id }), lang));
  });
  app.setNotFoundHandler((req, reply) => {
    const params = { method: req.method, path: req.url.split('?')[0] ?? '' };
    void reply.status(404).send(errorBody(appError(404, 'route_not_found', params), languageOf(req.headers['accept-language'])));
  });
});
