import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { projectFiles, projectReports } from '../../db/schema/projects';
import { appError, forbidden, invalid, notFound } from '../../errors';
import { storeUpload } from '../../uploads';
import { fileApi, requireCampaign, requireOrganizer, requireProject, rolesOf } from './service';

// Attachments: the campaign's implementation plan (kept by the organizer, read by whoever sees the campaign), and a
// project's plan and evidence, optionally of one weekly report (kept by the applicant, read by whoever reads the
// project). Stored by server/uploads.ts under the data directory, one folder per campaign.

const dirOf = (ctx: Ctx, campaignId: string) => path.join(ctx.config.dataDir, 'files', 'projects', campaignId);

export async function addCampaignFile(ctx: Ctx, campaignId: string, upload: MultipartFile) {
  const { campaign } = await requireOrganizer(ctx, ctx.db, campaignId);
  let createdAt = new Date();
  const f = await storeUpload(dirOf(ctx, campaignId), upload, { thumbnail: false }, (f) =>
    inTx(ctx, async (tx) => {
      const [row] = await tx.insert(projectFiles).values({ id: f.id, campaignId, filename: f.filename, mime: f.mime, size: f.size, storedAs: f.storedAs, thumbnailAs: f.thumbnailAs }).returning();
      createdAt = row!.createdAt;
      await appendAudit(ctx, tx, { action: 'project_campaign.file.add', subjectType: 'project_campaign', subjectId: campaignId, orgPath: campaign.organizerPath, after: { fileId: f.id, filename: f.filename, size: f.size } });
    }),
  );
  return fileApi({ id: f.id, projectId: null, reportId: null, filename: f.filename, mime: f.mime, size: f.size, createdAt });
}

export async function addProjectFile(ctx: Ctx, projectId: string, reportId: string | undefined, upload: MultipartFile) {
  const { row, scope } = await requireProject(ctx, ctx.db, projectId);
  if (!rolesOf(ctx, scope).applicant) throw forbidden();
  if (row.project.state === 'cancelled' || row.project.state === 'evaluated') throw appError(409, 'project_wrong_state', { state: row.project.state, record: 'files' });
  if (reportId) {
    const [report] = await ctx.db.select({ id: projectReports.id }).from(projectReports).where(and(eq(projectReports.id, reportId), eq(projectReports.projectId, projectId)));
    if (!report) throw invalid([{ field: 'reportId', code: 'report_not_of_project' }]);
  }
  const campaignId = row.project.campaignId;
  let createdAt = new Date();
  const f = await storeUpload(dirOf(ctx, campaignId), upload, { thumbnail: false }, (f) =>
    inTx(ctx, async (tx) => {
      const [inserted] = await tx
        .insert(projectFiles)
        .values({ id: f.id, campaignId, projectId, reportId: reportId ?? null, filename: f.filename, mime: f.mime, size: f.size, storedAs: f.storedAs, thumbnailAs: f.thumbnailAs })
        .returning();
      createdAt = inserted!.createdAt;
      await appendAudit(ctx, tx, { action: 'secretary_project.file.add', subjectType: 'secretary_project', subjectId: projectId, orgPath: row.project.orgPath, after: { fileId: f.id, reportId: reportId ?? null, filename: f.filename, size: f.size } });
    }),
  );
  return fileApi({ id: f.id, projectId, reportId: reportId ?? null, filename: f.filename, mime: f.mime, size: f.size, createdAt });
}

async function open(ctx: Ctx, campaignId: string, where: ReturnType<typeof and>) {
  const [file] = await ctx.db.select().from(projectFiles).where(where);
  if (!file) throw notFound('file');
  return { stream: createReadStream(path.join(dirOf(ctx, campaignId), file.storedAs)), mime: file.mime, filename: file.filename };
}

export async function openCampaignFile(ctx: Ctx, campaignId: string, fileId: string) {
  await requireCampaign(ctx, ctx.db, campaignId);
  return open(ctx, campaignId, and(eq(projectFiles.id, fileId), eq(projectFiles.campaignId, campaignId)));
}

export async function openProjectFile(ctx: Ctx, projectId: string, fileId: string) {
  const { row } = await requireProject(ctx, ctx.db, projectId);
  return open(ctx, row.project.campaignId, and(eq(projectFiles.id, fileId), eq(projectFiles.projectId, projectId)));
}
