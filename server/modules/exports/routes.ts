import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody } from '../../../domain/schemas/common';
import { MemberExportQuery } from '../../../domain/schemas/members';
import { requireActor } from '../../plugins/auth';
import { sendWorkbook } from '../../uploads';
import { prepareMemberExport } from './service';

/** a file download (documented as binary; a Buffer or stream is sent as is) */
const Binary = Type.Unsafe<Buffer | NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
const tags = ['exports'];

export function exportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/exports/members.xlsx',
    {
      schema: {
        tags,
        summary:
          "The member roster of an organization's subtree (or the caller's scope) as .xlsx, filtered and ordered like GET /members (the import's headers; masked unless permitted)",
        querystring: MemberExportQuery,
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const ctx = requireActor(req);
      const roster = await prepareMemberExport(ctx, req.query);
      return sendWorkbook(req, reply, roster);
    },
  );
  return Promise.resolve();
}
