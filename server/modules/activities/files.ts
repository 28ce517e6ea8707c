import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { ActivityFile } from '../../../domain/schemas/activities';
import type { Static } from 'typebox';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { activityFiles } from '../../db/schema/activities';
import { notFound } from '../../errors';
import { removeStored, storeUpload } from '../../uploads';
import { loadActivity } from './service';

function dirOf(ctx: Ctx, activityId: string): string {
  return path.join(ctx.config.dataDir, 'files', activityId);
}

/** Stores a photo or document of an activity: checked by content, with a thumbnail for photos. */
export async function addFile(ctx: Ctx, activityId: string, upload: MultipartFile): Promise<Static<typeof ActivityFile>> {
  const { row } = await loadActivity(ctx, ctx.db, activityId, 'activity.manage');
  const f = await storeUpload(dirOf(ctx, activityId), upload, { thumbnail: true }, (f) =>
    inTx(ctx, async (tx) => {
      await tx.insert(activityFiles).values({ id: f.id, activityId, kind: f.kind, filename: f.filename, mime: f.mime, size: f.size, storedAs: f.storedAs, thumbnailAs: f.thumbnailAs });
      await appendAudit(ctx, tx, { action: 'activity.file.add', subjectType: 'activity', subjectId: activityId, orgPath: row.orgPath, after: { fileId: f.id, filename: f.filename, size: f.size, mime: f.mime } });
    }),
  );
  return { id: f.id, kind: f.kind, filename: f.filename, mime: f.mime, size: f.size, hasThumbnail: f.thumbnailAs !== null };
}

async function findFile(ctx: Ctx, activityId: string, fileId: string) {
  const [file] = await ctx.db.select().from(activityFiles).where(and(eq(activityFiles.id, fileId), eq(activityFiles.activityId, activityId)));
  if (!file) throw notFound('file');
  return file;
}

export async function openFile(ctx: Ctx, activityId: string, fileId: string, thumbnail: boolean) {
  await loadActivity(ctx, ctx.db, activityId, 'activity.read');
  const file = await findFile(ctx, activityId, fileId);
  const name = thumbnail ? file.thumbnailAs : file.storedAs;
  if (!name) throw notFound('thumbnail');
  return {
    stream: createReadStream(path.join(dirOf(ctx, activityId), name)),
    mime: thumbnail ? 'image/jpeg' : file.mime,
    filename: file.filename,
  };
}

export async function removeFile(ctx: Ctx, activityId: string, fileId: string): Promise<void> {
  const { row } = await loadActivity(ctx, ctx.db, activityId, 'activity.manage');
  const file = await findFile(ctx, activityId, fileId);
  await inTx(ctx, async (tx) => {
    await tx.delete(activityFiles).where(eq(activityFiles.id, fileId));
    await appendAudit(ctx, tx, { action: 'activity.file.remove', subjectType: 'activity', subjectId: activityId, orgPath: row.orgPath, before: { fileId, filename: file.filename } });
  });
  await removeStored(dirOf(ctx, activityId), [file.storedAs, file.thumbnailAs]);
}
