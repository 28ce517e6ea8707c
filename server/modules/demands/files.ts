import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { PairingFile } from '../../../domain/schemas/pairings';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { pairingFiles } from '../../db/schema/pairings';
import { conflict, forbidden, notFound } from '../../errors';
import { removeStored, storeUpload } from '../../uploads';
import { mayDeleteFile } from '../pairings/access';
import * as q from './queries';
import { loadDemand } from './service';

// Attachments of a demand (a letter, a photo of the problem, the reply): kept with the pairing's files, marked with
// the demand. Those who act in the pairing add them; whoever may read the demand reads them; the uploader or the
// agreement's keeper deletes one while the demand is open.

function dirOf(ctx: Ctx, demandId: string): string {
  return path.join(ctx.config.dataDir, 'files', 'demands', demandId);
}

/** A confirmed demand is closed: its record, attachments included, stays as the raiser rated it. */
export async function addDemandFile(ctx: Ctx, demandId: string, upload: MultipartFile): Promise<Static<typeof PairingFile>> {
  const { row, scope } = await loadDemand(ctx, ctx.db, demandId, 'contribute');
  const d = row.demand;
  if (d.state === 'confirmed') throw conflict('demand_closed');
  const orgPath = scope.parties.find((p) => p.orgId === d.raisedByOrgId)?.orgPath ?? null;
  let createdAt = new Date();
  const file = await storeUpload(dirOf(ctx, demandId), upload, { thumbnail: false }, (f) =>
    inTx(ctx, async (tx) => {
      const [inserted] = await tx
        .insert(pairingFiles)
        .values({ id: f.id, pairingId: d.pairingId, demandId, filename: f.filename, mime: f.mime, size: f.size, storedAs: f.storedAs, uploadedBy: ctx.actor.userId || null })
        .returning({ createdAt: pairingFiles.createdAt });
      if (inserted) createdAt = inserted.createdAt;
      await appendAudit(ctx, tx, { action: 'demand.file.add', subjectType: 'demand', subjectId: demandId, orgPath, after: { fileId: f.id, filename: f.filename, size: f.size, mime: f.mime } });
    }),
  );
  return { id: file.id, filename: file.filename, mime: file.mime, size: file.size, createdAt: createdAt.toISOString(), mayDelete: true };
}

export async function openDemandFile(ctx: Ctx, demandId: string, fileId: string) {
  await loadDemand(ctx, ctx.db, demandId, 'read');
  const file = await q.demandFile(ctx.db, demandId, fileId);
  if (!file) throw notFound('file');
  return { stream: createReadStream(path.join(dirOf(ctx, demandId), file.storedAs)), mime: file.mime, filename: file.filename };
}

export async function removeDemandFile(ctx: Ctx, demandId: string, fileId: string): Promise<void> {
  const { row, scope } = await loadDemand(ctx, ctx.db, demandId, 'read');
  const file = await q.demandFile(ctx.db, demandId, fileId);
  if (!file) throw notFound('file');
  if (!mayDeleteFile(ctx.actor, scope, file.uploadedBy)) throw forbidden();
  if (row.demand.state === 'confirmed') throw conflict('demand_closed');
  const orgPath = scope.parties.find((p) => p.orgId === row.demand.raisedByOrgId)?.orgPath ?? null;
  await inTx(ctx, async (tx) => {
    await tx.delete(pairingFiles).where(eq(pairingFiles.id, fileId));
    await appendAudit(ctx, tx, { action: 'demand.file.remove', subjectType: 'demand', subjectId: demandId, orgPath, before: { fileId, filename: file.filename } });
  });
  await removeStored(dirOf(ctx, demandId), [file.storedAs, file.thumbnailAs]);
}
