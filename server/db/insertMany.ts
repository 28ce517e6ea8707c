import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/**
 * Inserts many rows of one table as a single JSON parameter that PostgreSQL unpacks
 * (`json_populate_recordset`). A bulk write (an import batch, its audit events) spent about a
 * quarter of its CPU in Drizzle's multi-row insert, which builds and type-checks one placeholder
 * per value; here Drizzle builds a statement of one parameter and the server parses the rows.
 * Every row must give the same columns (the others take their defaults); values pass through each
 * column's own mapping to the driver, as Drizzle's insert does.
 */
export async function insertMany<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(rows[0]!).filter((k) => k in columns && (rows[0] as Record<string, unknown>)[k] !== undefined);
  const given = new Set(keys);
  const records = rows.map((row) => {
    const values = row as Record<string, unknown>;
    for (const key in values) {
      if (values[key] !== undefined && key in columns && !given.has(key)) throw new Error(`insertMany: a row with ${key}, which the first row lacks`);
    }
    const record: Record<string, unknown> = {};
    for (const key of keys) {
      const column = columns[key]!;
      const value = values[key];
      if (value === undefined) throw new Error(`insertMany: a row without ${key}, which the first row gives`);
      // json and jsonb go in as JSON, not as the text Drizzle would send for them
      record[column.name] = value === null || column.dataType === 'json' ? value : column.mapToDriverValue(value);
    }
    return record;
  });
  const names = sql.raw(keys.map((k) => `"${columns[k]!.name}"`).join(', '));
  await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)`);
}
