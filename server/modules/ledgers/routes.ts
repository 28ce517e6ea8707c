import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, Id } from '../../../domain/schemas/common';
import { requireActor } from '../../plugins/auth';
import { attachment } from '../imports/routes';
import { activityLedger, activityMinutes, attendanceSheet, type LedgerFile } from './service';

/** a file download (documented as binary; a Buffer is sent as is) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const tags = ['ledgers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Params = Type.Object({ id: Id });

export function ledgerRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const send = (file: LedgerFile, type: string) => ({
    'content-type': type,
    'content-disposition': attachment(file.filename),
    'cache-control': 'no-store',
  });

  app.get(
    '/exports/activities.xlsx',
    {
      schema: {
        tags,
        summary:
          "An organization's activity ledger for a year (组织生活台账, .xlsx): the activities it hosted, joint ones included",
        querystring: Type.Object(
          { org: Id, year: Type.Integer({ minimum: 1900, maximum: 2100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Binary, ...errors },
      },
    },
    async (req, reply) => {
      const file = await activityLedger(requireActor(req), req.query.org, req.query.year);
      return reply.headers(send(file, XLSX)).send(file.body);
    },
  );

  app.get(
    '/activities/:id/minutes.docx',
    {
      schema: {
        tags,
        summary: 'The minutes of one activity as a Word document laid out as a meeting record (会议记录)',
        params: Params,
        response: { 200: Binary, ...errors },
      },
    },
    async (req, reply) => {
      const file = await activityMinutes(requireActor(req), req.params.id);
      return reply.headers(send(file, DOCX)).send(file.body);
    },
  );

  app.get(
    '/activities/:id/attendance.xlsx',
    {
      schema: {
        tags,
        summary: 'The attendance sheet of one activity (签到表, .xlsx)',
        params: Params,
        response: { 200: Binary, ...errors },
      },
    },
    async (req, reply) => {
      const file = await attendanceSheet(requireActor(req), req.params.id);
      return reply.headers(send(file, XLSX)).send(file.body);
    },
  );
  return Promise.resolve();
}
