import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { invalid, type FieldError } from '../errors';

// One normalization of every string a request brings, before the schemas see it: text is trimmed and put
// in Unicode NFC (so "  " fails a minLength and the same name typed two ways is one name), and a NUL byte
// or a lone surrogate is a field error here, since PostgreSQL cannot store either (text or jsonb) and
// would answer with a server error deep inside a transaction. Passwords are kept exactly as typed.

const KEEP_AS_TYPED = /password/i;
// String.prototype.isWellFormed is Node 20 but not in our ES2023 typings.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'text_nul';
  if (LONE_SURROGATE.test(s)) return 'text_lone_surrogate';
  return null;
}

function clean(value: unknown, field: string, key: string, errors: FieldError[]): unknown {
  if (typeof value === 'string') {
    const bad = badText(value);
    if (bad) {
      errors.push({ field, code: bad });
      return value;
    }
    return KEEP_AS_TYPED.test(key) ? value : value.normalize('NFC').trim();
  }
  if (Array.isArray(value)) return value.map((v, i) => clean(v, `${field}.${i}`, key, errors));
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const path = field ? `${field}.${k}` : k;
      const badKey = badText(k);
      if (badKey) errors.push({ field: path, code: badKey });
      else out[k.normalize('NFC')] = clean(v, path, k, errors);
    }
    return out;
  }
  return value;
}

/** Cleans one part of the request in place (the query and params objects belong to the request). */
function cleanPart(part: unknown, errors: FieldError[]): unknown {
  if (part === null || typeof part !== 'object') return clean(part, '', '', errors);
  const cleaned = clean(part, '', '', errors) as Record<string, unknown>;
  const target = part as Record<string, unknown>;
  for (const k of Object.keys(target)) delete target[k];
  return Object.assign(target, cleaned);
}

export function normalizeRequest(req: FastifyRequest): void {
  const errors: FieldError[] = [];
  cleanPart(req.params, errors);
  cleanPart(req.query, errors);
  if (typeof req.body === 'string') req.body = clean(req.body, '(body)', '', errors);
  else if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) cleanPart(req.body, errors);
  if (errors.length) throw invalid(errors);
}

/** Numbers past 2^53 or infinite (JSON's 1e400, a query's "1e400" coerced by the schema) are never a real value here. */
function findHugeNumbers(value: unknown, field: string, errors: FieldError[]): void {
  if (typeof value === 'number' && !Number.isSafeInteger(Math.trunc(value))) {
    errors.push({ field: field || '(body)', code: 'number_unusable' });
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) findHugeNumbers(v, field ? `${field}.${k}` : k, errors);
  }
}

export const inputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (req) => normalizeRequest(req));
  // after the schemas coerced query strings to numbers
  app.addHook('preHandler', async (req) => {
    const errors: FieldError[] = [];
    for (const part of [req.params, req.query, req.body]) findHugeNumbers(part, '', errors);
    if (errors.length) throw invalid(errors);
  });
});
