import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { ALLOWED_DESCRIPTION, sniffFileType, type FileType } from '../domain/fileTypes';
import { AppError, appError, invalid, type MessageParams } from './errors';
import { DownloadClosed } from './listSheet';
import { newId } from './ids';

// Uploaded files (photos and documents of activities, signed agreements, demand attachments): kept
// under the data directory, checked by content, the database row written only once the file is whole.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const THUMBNAIL_PX = 320;

export const fileError = (code: string, params: MessageParams = {}, status = 400) =>
  status === 400 ? invalid([{ field: 'file', code, params }]) : appError(status, code, params, [{ field: 'file', code, params }]);

/** A multipart body that cannot be read: not multipart at all, no boundary, cut off, garbage. */
const unreadable = () => invalid([{ field: 'file', code: 'multipart_unreadable' }]);
/**
 * What an error met while reading a multipart body means: ours (a refusal) and the disk's (it has a
 * system call) stay as they are; any other is the parser's, so the body was malformed or cut off.
 */
export const uploadError = (e: unknown): unknown => (e instanceof AppError || (e instanceof Error && 'syscall' in e) ? e : unreadable());

/** The parts of a multipart body (the import's fields and file), a malformed body a 400 on `file`. */
export async function* readParts(req: FastifyRequest): AsyncGenerator<Multipart> {
  try {
    for await (const part of req.parts()) yield part;
  } catch (e) {
    throw uploadError(e);
  }
}

/**
 * The one file of an upload request, sent as multipart/form-data in the field "file". A body that is
 * not multipart or cannot be parsed, has no file, or names it with control characters (a NUL cannot be
 * stored) is a 400 on `file`, never a server error.
 */
export async function requireUpload(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) throw invalid([{ field: 'file', code: 'multipart_required' }]);
  let upload: MultipartFile | undefined;
  try {
    upload = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
  } catch (e) {
    throw uploadError(e);
  }
  if (!upload || upload.fieldname !== 'file') {
    upload?.file.resume();
    throw invalid([{ field: 'file', code: 'file_required' }]);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(upload.filename)) {
    upload.file.resume();
    throw invalid([{ field: 'file', code: 'file_name_control' }]);
  }
  return upload;
}

export interface StoredFile {
  id: string;
  kind: FileType['kind'];
  mime: string;
  filename: string;
  size: number;
  storedAs: string;
  thumbnailAs: string | null;
}

/**
 * Writes the upload into `dir`, refuses what is too large or not an allowed type, makes a thumbnail
 * of a photo when asked, then calls `record` (the database row and its audit event). If anything
 * fails, nothing is left behind on disk.
 */
export async function storeUpload(dir: string, upload: MultipartFile, opts: { thumbnail: boolean }, record: (file: StoredFile) => Promise<void>): Promise<StoredFile> {
  await mkdir(dir, { recursive: true });
  const id = newId();
  const partial = path.join(dir, `${id}.part`);
  let stored: string | null = null;
  try {
    await pipeline(upload.file, createWriteStream(partial)).catch((e: unknown) => {
      throw uploadError(e);
    });
    if (upload.file.truncated) throw fileError('file_too_large', { mb: MAX_FILE_BYTES / 1024 / 1024 }, 413);
    const head = Buffer.alloc(16);
    const handle = await open(partial, 'r');
    await handle.read(head, 0, 16, 0);
    await handle.close();
    const type = sniffFileType(head, upload.filename);
    if (!type) throw fileError('file_type_not_allowed', { allowed: ALLOWED_DESCRIPTION });
    const storedAs = `${id}.${type.extension}`;
    let thumbnailAs: string | null = null;
    if (type.kind === 'photo' && opts.thumbnail) {
      thumbnailAs = `${id}.thumb.jpg`;
      await sharp(partial)
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toFile(path.join(dir, thumbnailAs))
        .catch(() => {
          throw fileError('photo_unreadable');
        });
    }
    await rename(partial, path.join(dir, storedAs));
    stored = storedAs;
    const { size } = await stat(path.join(dir, storedAs));
    const file: StoredFile = { id, kind: type.kind, mime: type.mime, filename: upload.filename.slice(0, 200) || storedAs, size, storedAs, thumbnailAs };
    await record(file);
    return file;
  } catch (e) {
    for (const name of [`${id}.part`, `${id}.thumb.jpg`, stored]) if (name) await rm(path.join(dir, name), { force: true });
    throw e;
  }
}

/** Removes a file's bytes after its row is gone: a crash in between leaves an unreferenced file, never a broken link. */
export async function removeStored(dir: string, names: (string | null)[]): Promise<void> {
  for (const name of names) if (name) await rm(path.join(dir, name), { force: true });
}

/** The content-disposition of a download: photos and PDFs open in the browser, others download. */
export function disposition(filename: string, mime: string): string {
  const inline = mime.startsWith('image/') || mime === 'application/pdf';
  return `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a workbook while it is written (a large export streams instead of sitting in memory). Its rows were chosen
 * before the first byte; a failure while writing is logged and breaks the download rather than ending it as if whole.
 */
export function sendWorkbook(req: FastifyRequest, reply: FastifyReply, file: { filename: string; write(out: Writable): Promise<unknown> }) {
  const out = new PassThrough();
  file.write(out).catch((e: unknown) => {
    if (e instanceof DownloadClosed) return void req.log.info(`export ${file.filename}: ${e.message}`);
    req.log.error({ err: e }, `export ${file.filename} failed`);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return reply.header('content-type', XLSX).header('content-disposition', disposition(file.filename, XLSX)).header('cache-control', 'no-store').send(out);
}
