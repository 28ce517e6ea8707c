import type { Db } from './client';

/**
 * Drizzle's `.prepare(name)` with no name: the database still parses the statement each time. A
 * named statement lives in the server's session, and where several clients share one session
 * (PgBouncer in transaction mode, a PGlite served by pglite-socket) the second client to prepare
 * it fails with "prepared statement already exists".
 */
export const UNNAMED = '';

/**
 * A fixed statement built once per database handle and run with placeholders. Building a query with
 * Drizzle costs 30–60 µs of the server's single thread (most of a short request's own time, measured
 * by bench/limit.ts); a prepared one skips that. Only for statements run on every request of a hot
 * page: a transaction's handle gets its own.
 */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
