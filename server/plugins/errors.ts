import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Ajv's issues as `{field, message}`, the field named by its path ("roles.0.orgId") or its missing key. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function fieldErrors(issues: AjvIssue[]): { field: string; message: string }[] {
  return issues.map((i) => {
    const path = (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    if (i.keyword === 'required') return { field: [path, text(i.params?.missingProperty)].filter(Boolean).join('.'), message: 'required' };
    if (i.keyword === 'additionalProperties') return { field: [path, text(i.params?.additionalProperty)].filter(Boolean).join('.'), message: 'unknown field' };
    return { field: path || '(body)', message: i.message ?? 'invalid' };
  });
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
    }
    if (err.validation) {
      const details = fieldErrors(err.validation);
      const where = err.validationContext ?? 'body';
      return reply.status(400).send({
        error: { code: 'validation', message: `Invalid ${where}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details },
      });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: err.code ? err.code.toLowerCase() : 'bad_request', message: err.message } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; the request id is ' + req.id } });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
});
