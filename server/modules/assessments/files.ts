import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { assessmentReporters } from '../../db/schema/assessments';
import { notFound } from '../../errors';
import { removeStored, storeUpload } from '../../uploads';
import { loadReporter } from './service';

// A reporter's written report (述职报告), attached by the organizer or the reporter's organization; a new one
// replaces the old. Whoever reads the reporter reads it.

const dirOf = (ctx: Ctx, assessmentId: string) => path.join(ctx.config.dataDir, 'files', 'assessments', assessmentId);

export async function attachReport(ctx: Ctx, id: string, reporterId: string, upload: MultipartFile) {
  const { reporter } = await loadReporter(ctx, ctx.db, id, reporterId, 'manage');
  const previous = reporter.r.reportStoredAs;
  const file = await storeUpload(dirOf(ctx, id), upload, { thumbnail: false }, (f) =>
    inTx(ctx, async (tx) => {
      await tx.update(assessmentReporters).set({ reportFilename: f.filename, reportMime: f.mime, reportStoredAs: f.storedAs }).where(eq(assessmentReporters.id, reporterId));
      await appendAudit(ctx, tx, { action: 'assessment.report', subjectType: 'assessment', subjectId: id, orgPath: reporter.orgPath, after: { reporterId, filename: f.filename, size: f.size, mime: f.mime } });
    }),
  );
  await removeStored(dirOf(ctx, id), [previous]);
  return { reporterId, reportFilename: file.filename };
}

export async function openReport(ctx: Ctx, id: string, reporterId: string) {
  const { reporter } = await loadReporter(ctx, ctx.db, id, reporterId, 'read');
  if (!reporter.r.reportStoredAs || !reporter.r.reportMime || !reporter.r.reportFilename) throw notFound('file');
  return { stream: createReadStream(path.join(dirOf(ctx, id), reporter.r.reportStoredAs)), mime: reporter.r.reportMime, filename: reporter.r.reportFilename };
}
