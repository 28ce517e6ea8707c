import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parseMapping, type ImportKind } from '../../../domain/imports/headers';
import { languageOf, messageText } from '../../../domain/messages/registry';
import { ImportJob, ImportKindSchema, ImportReport } from '../../../domain/imports/report';
import { ErrorBody } from '../../../domain/schemas/common';
import { appError, forbidden, invalid, type FieldError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import { readParts, uploadError } from '../../uploads';
import { rememberMapping } from './mappings';
import { mayImportSomewhere, getJob, runImport, templateWorkbook, tmpDir } from './service';

/** a file download (documented as binary; a Buffer or stream is sent as is) */
const Binary = Type.Unsafe<Buffer | NodeJS.ReadableStream>({ type: 'string', format: 'binary' });
const tags = ['imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const JOB_ID = /^[A-Za-z0-9-]{8,64}$/;

/** 422: the report, plus the usual error object (its details are the row errors). */
const Rejected = Type.Object({ ...ImportReport.properties, error: ErrorBody.properties.error });

export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function importRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary:
          'Import organizations or members from .xlsx or .csv (multipart: kind, dryRun, jobId?, mapping?, file). mapping: JSON {"header": "field" | null}, remembered for the caller\'s next file',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: Rejected },
      },
    },
    async (req, reply) => {
      const ctx = requireActor(req);
      if (!req.isMultipart()) throw invalid([{ field: 'file', code: 'multipart_required' }]);
      if (!mayImportSomewhere(ctx)) throw forbidden();
      const fields: Record<string, string> = {};
      let upload: string | null = null;
      try {
        for await (const part of readParts(req)) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || upload) {
              part.file.resume();
              continue;
            }
            upload = path.join(tmpDir(ctx), `upload-${randomUUID()}`);
            await pipeline(part.file, createWriteStream(upload)).catch((e: unknown) => {
              throw uploadError(e);
            });
            if (part.file.truncated) throw appError(413, 'file_too_large', { mb: 50 });
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
        const kind = fields.kind;
        const dryRun = fields.dryRun ?? 'true';
        const jobId = fields.jobId || null;
        const problems: FieldError[] = [];
        if (kind !== 'members' && kind !== 'orgs') problems.push({ field: 'kind', code: 'import_kind' });
        if (dryRun !== 'true' && dryRun !== 'false') problems.push({ field: 'dryRun', code: 'true_or_false' });
        if (jobId !== null && !JOB_ID.test(jobId)) problems.push({ field: 'jobId', code: 'uuid_required' });
        if (!upload) problems.push({ field: 'file', code: 'required' });
        const mapping = fields.mapping && (kind === 'members' || kind === 'orgs') ? parseMapping(kind, fields.mapping) : null;
        if (mapping && !mapping.ok) problems.push({ field: 'mapping', code: mapping.code, params: mapping.params });
        if (problems.length) throw invalid(problems);
        if (mapping?.ok) await rememberMapping(ctx, kind as ImportKind, mapping.mapping);

        const lang = languageOf(req.headers['accept-language']);
        const report = await runImport(ctx, upload!, {
          kind: kind as ImportKind,
          dryRun: dryRun === 'true',
          jobId,
          progressOnJob: app.database.kind === 'postgres',
          lang,
          ...(mapping?.ok ? { mapping: mapping.mapping } : {}),
        });
        const rowErrors = report.errors.length > 0;
        if (report.fileErrors.length > 0 || (rowErrors && !report.dryRun)) {
          const params = { count: report.errors.length };
          const message = report.fileErrors.length
            ? report.fileErrors.join(lang === 'zh' ? '；' : '; ')
            : (messageText('import_rejected', params, lang) ?? 'import_rejected');
          return reply.status(422).send({ ...report, error: { code: 'import_rejected', message, params, details: report.errors } });
        }
        return reply.status(200).send(report);
      } finally {
        if (upload) await rm(upload, { force: true });
      }
    },
  );

  app.get(
    '/imports/template.xlsx',
    {
      schema: {
        tags,
        summary: 'An empty import workbook with the Chinese headers and one example row',
        querystring: Type.Object({ kind: ImportKindSchema }, { additionalProperties: false }),
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const kind = req.query.kind;
      const body = await templateWorkbook(kind);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(kind === 'members' ? '党员导入模板.xlsx' : '党组织导入模板.xlsx'))
        .send(body);
    },
  );

  app.get(
    '/imports/:jobId',
    {
      schema: {
        tags,
        summary: "Progress and report of one of the caller's imports",
        params: Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ImportJob, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getJob(requireActor(req), req.params.jobId),
  );
  return Promise.resolve();
}
