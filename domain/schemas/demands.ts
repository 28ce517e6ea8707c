import { Type, type Static } from 'typebox';
import { Id, Nullable, OffsetQuery } from './common';
import { Demand, DemandListQuery } from './pairings';

// The demands list with page numbers, its export and its batch action (the demand itself, its moves and the list's
// filters are defined with the pairings in ./pairings.ts).

/** The list's filters and paging: by cursor, or by page number (`offset`, the cursor then ignored). */
export const DemandPageQuery = Type.Object({ ...DemandListQuery.properties, ...OffsetQuery }, { additionalProperties: false });
export type DemandPageQuery = Static<typeof DemandPageQuery>;

export const DemandPage = Type.Object({
  items: Type.Array(Demand),
  /** how many demands the filter selects, counted up to a cap */
  total: Type.Integer(),
  /** false when more demands match than were counted: `total` is then a lower bound */
  totalExact: Type.Boolean(),
  nextCursor: Nullable(Type.String()),
});
export type DemandPage = Static<typeof DemandPage>;

/** The export of the list's current filter: its query without the paging. */
export const DemandExportQuery = Type.Omit(DemandListQuery, ['limit', 'cursor'], { additionalProperties: false });
export type DemandExportQuery = Static<typeof DemandExportQuery>;

/** Accepts the selected demands (each waiting for a partner the caller acts for), all or none, with one note. */
export const DemandBatchAccept = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type DemandBatchAccept = Static<typeof DemandBatchAccept>;
