import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { PairingFile } from '../../../domain/schemas/pairings';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { pairingFiles } from '../../db/schema/pairings';
import { forbidden, notFound } from '../../errors';
import { removeStored, storeUpload } from '../../uploads';
import { mayDeleteFile, mayManageAgreement, requirePairing, type PairingScope } from './access';
import * as q from './queries';

// The agreement's attachments (the signed scan, a photo of the plaque): kept by whoever keeps the
// agreement, read by whoever reads it, deleted by the keeper or whoever uploaded one.

/** Demand attachments live in the same folder (they belong to the pairing too). */
export function pairingDir(ctx: Ctx, pairingId: string): string {
  return path.join(ctx.config.dataDir, 'files', 'pairings', pairingId);
}

const filedUnder = (scope: PairingScope) => scope.coordinatorPath ?? scope.parties[0]?.orgPath ?? null;

async function managed(ctx: Ctx, pairingId: string): Promise<PairingScope> {
  const scope = await requirePairing(ctx, ctx.db, pairingId);
  if (!mayManageAgreement(ctx.actor, scope)) throw forbidden();
  return scope;
}

export async function addPairingFile(ctx: Ctx, pairingId: string, upload: MultipartFile): Promise<Static<typeof PairingFile>> {
  const scope = await managed(ctx, pairingId);
  let createdAt = new Date();
  const f = await storeUpload(pairingDir(ctx, pairingId), upload, { thumbnail: false }, (f) =>
    inTx(ctx, async (tx) => {
      const [row] = await tx
        .insert(pairingFiles)
        .values({ id: f.id, pairingId, filename: f.filename, mime: f.mime, size: f.size, storedAs: f.storedAs, thumbnailAs: f.thumbnailAs, uploadedBy: ctx.actor.userId || null })
        .returning({ createdAt: pairingFiles.createdAt });
      createdAt = row!.createdAt;
      await appendAudit(ctx, tx, { action: 'pairing.file.add', subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), after: { fileId: f.id, filename: f.filename, size: f.size, mime: f.mime } });
    }),
  );
  return { id: f.id, filename: f.filename, mime: f.mime, size: f.size, createdAt: createdAt.toISOString(), mayDelete: true };
}

export async function openPairingFile(ctx: Ctx, pairingId: string, fileId: string) {
  await requirePairing(ctx, ctx.db, pairingId);
  const file = await q.agreementFile(ctx.db, pairingId, fileId);
  if (!file) throw notFound('file');
  return { stream: createReadStream(path.join(pairingDir(ctx, pairingId), file.storedAs)), mime: file.mime, filename: file.filename };
}

/** The uploader or the keeper deletes an attachment; the stored file goes once the row is gone. */
export async function removePairingFile(ctx: Ctx, pairingId: string, fileId: string): Promise<void> {
  const scope = await requirePairing(ctx, ctx.db, pairingId);
  const file = await q.agreementFile(ctx.db, pairingId, fileId);
  if (!file) throw notFound('file');
  if (!mayDeleteFile(ctx.actor, scope, file.uploadedBy)) throw forbidden();
  await inTx(ctx, async (tx) => {
    await tx.delete(pairingFiles).where(eq(pairingFiles.id, fileId));
    await appendAudit(ctx, tx, { action: 'pairing.file.remove', subjectType: 'pairing', subjectId: pairingId, orgPath: filedUnder(scope), before: { fileId, filename: file.filename } });
  });
  await removeStored(pairingDir(ctx, pairingId), [file.storedAs, file.thumbnailAs]);
}
