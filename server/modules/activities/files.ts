import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { ALLOWED_DESCRIPTION, sniffFileType } from '../../../domain/fileTypes';
import type { ActivityFile } from '../../../domain/schemas/activities';
import type { Static } from 'typebox';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { activityFiles } from '../../db/schema/activities';
import { AppError, notFound } from '../../errors';
import { newId } from '../../ids';
import { loadActivity } from './service';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const THUMBNAIL_PX = 320;

function dirOf(ctx: Ctx, activityId: string): string {
  return path.join(ctx.config.dataDir, 'files', activityId);
}

const fileError = (message: string, status = 400) => new AppError(status, 'validation', message, [{ field: 'file', message }]);

/** Stores a photo or document of an activity: checked by content, with a thumbnail for photos. */
export async function addFile(ctx: Ctx, activityId: string, upload: MultipartFile): Promise<Static<typeof ActivityFile>> {
  const { row } = await loadActivity(ctx, ctx.db, activityId, 'activity.manage');
  const dir = dirOf(ctx, activityId);
  await mkdir(dir, { recursive: true });
  const id = newId();
  const partial = path.join(dir, `${id}.part`);
  try {
    await pipeline(upload.file, createWriteStream(partial));
    if (upload.file.truncated) throw fileError(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, 413);
    const head = Buffer.alloc(16);
    const handle = await open(partial, 'r');
    await handle.read(head, 0, 16, 0);
    await handle.close();
    const type = sniffFileType(head, upload.filename);
    if (!type) throw fileError(`not an allowed file: ${ALLOWED_DESCRIPTION}`);
    const storedAs = `${id}.${type.extension}`;
    let thumbnailAs: string | null = null;
    if (type.kind === 'photo') {
      thumbnailAs = `${id}.thumb.jpg`;
      await sharp(partial)
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toFile(path.join(dir, thumbnailAs))
        .catch(() => {
          throw fileError('the photo cannot be read');
        });
    }
    await rename(partial, path.join(dir, storedAs));
    const { size } = await stat(path.join(dir, storedAs));
    const filename = upload.filename.slice(0, 200) || storedAs;
    await inTx(ctx, async (tx) => {
      await tx.insert(activityFiles).values({ id, activityId, kind: type.kind, filename, mime: type.mime, size, storedAs, thumbnailAs });
      await appendAudit(ctx, tx, { action: 'activity.file.add', subjectType: 'activity', subjectId: activityId, orgPath: row.orgPath, after: { fileId: id, filename, size, mime: type.mime } });
    });
    return { id, kind: type.kind, filename, mime: type.mime, size, hasThumbnail: thumbnailAs !== null };
  } catch (e) {
    await rm(partial, { force: true });
    await rm(path.join(dir, `${id}.thumb.jpg`), { force: true });
    throw e;
  }
}

async function findFile(ctx: Ctx, activityId: string, fileId: string) {
  const [file] = await ctx.db.select().from(activityFiles).where(and(eq(activityFiles.id, fileId), eq(activityFiles.activityId, activityId)));
  if (!file) throw notFound('File');
  return file;
}

export async function openFile(ctx: Ctx, activityId: string, fileId: string, thumbnail: boolean) {
  await loadActivity(ctx, ctx.db, activityId, 'activity.read');
  const file = await findFile(ctx, activityId, fileId);
  const name = thumbnail ? file.thumbnailAs : file.storedAs;
  if (!name) throw notFound('Thumbnail');
  return {
    stream: createReadStream(path.join(dirOf(ctx, activityId), name)),
    mime: thumbnail ? 'image/jpeg' : file.mime,
    filename: file.filename,
    inline: file.kind === 'photo' || file.mime === 'application/pdf',
  };
}

export async function removeFile(ctx: Ctx, activityId: string, fileId: string): Promise<void> {
  const { row } = await loadActivity(ctx, ctx.db, activityId, 'activity.manage');
  const file = await findFile(ctx, activityId, fileId);
  await inTx(ctx, async (tx) => {
    await tx.delete(activityFiles).where(eq(activityFiles.id, fileId));
    await appendAudit(ctx, tx, { action: 'activity.file.remove', subjectType: 'activity', subjectId: activityId, orgPath: row.orgPath, before: { fileId, filename: file.filename } });
  });
  // the record goes first: a file left behind by a crash here is unreferenced, never a broken link
  for (const name of [file.storedAs, file.thumbnailAs]) if (name) await rm(path.join(dirOf(ctx, activityId), name), { force: true });
}
