import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree: the organization tree as a materialized path, in PGlite and PostgreSQL alike. */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });
