import { PassThrough } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody } from '../../../domain/schemas/common';
import { MemberExportQuery } from '../../../domain/schemas/members';
import { requireActor } from '../../plugins/auth';
import { attachment } from '../imports/routes';
import { prepareMemberExport } from './service';

/** a file download (documented as binary; a Buffer or stream is sent as is) */
const Binary = Type.Unsafe<Buffer | NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
const tags = ['exports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
      const out = new PassThrough();
      roster.write(out).catch((e: unknown) => {
        req.log.error({ err: e }, 'member export failed');
        out.destroy(e instanceof Error ? e : new Error(String(e)));
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(roster.filename))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
  return Promise.resolve();
}
