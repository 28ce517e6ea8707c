// The reading of headers each user chose in the import wizard, kept so that the next file from the
// same office imports without asking again.

import { and, eq, sql } from 'drizzle-orm';
import { isField, type FieldOf, type ImportKind } from '../../../domain/imports/headers';
import type { Ctx } from '../../context';
import { importMappings } from '../../db/schema/imports';

/** normalized header → field, or null for a column the user chose to ignore */
export async function rememberedMapping<K extends ImportKind>(ctx: Ctx, kind: K): Promise<Map<string, FieldOf<K> | null>> {
  const rows = await ctx.db
    .select({ header: importMappings.header, field: importMappings.field })
    .from(importMappings)
    .where(and(eq(importMappings.userId, ctx.actor.userId), eq(importMappings.kind, kind)));
  const mapping = new Map<string, FieldOf<K> | null>();
  // a field renamed since it was remembered is forgotten rather than refused
  for (const r of rows) if (r.field === null || isField(kind, r.field)) mapping.set(r.header, r.field);
  return mapping;
}

export async function rememberMapping(ctx: Ctx, kind: ImportKind, mapping: ReadonlyMap<string, string | null>): Promise<void> {
  if (mapping.size === 0) return;
  const now = new Date();
  await ctx.db
    .insert(importMappings)
    .values([...mapping].map(([header, field]) => ({ userId: ctx.actor.userId, kind, header, field, updatedAt: now })))
    .onConflictDoUpdate({
      target: [importMappings.userId, importMappings.kind, importMappings.header],
      set: { field: sql`excluded.field`, updatedAt: now },
    });
}
