import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditFilter, AuditListQuery, AuditPage } from '../../../domain/schemas/audit';
import { ErrorBody } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import { sendWorkbook } from '../../uploads';
import { auditWorkbook } from './export';
import { listAuditEvents } from './service';

/** a file download (documented as binary; a Buffer is sent as is) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/audit', { schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: AuditPage } } }, async (req) => listAuditEvents(requireActor(req), req.query));

  app.get(
    '/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'],
        summary: 'The events the log filter selects, newest first, in words (.xlsx)',
        querystring: AuditFilter,
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      return sendWorkbook(req, reply, auditWorkbook(requireActor(req), req.query));
    },
  );
}
