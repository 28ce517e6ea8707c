import { isValidDate } from '../domain/dates';
import { invalid } from './errors';

// Keyset paging: a cursor carries the sort value and the id of the last row of a page, opaque to
// the client. A cursor that was not made here (not base64 JSON, a sort value of the wrong kind for
// the list's order, text PostgreSQL cannot compare) is a field error, never a server error.

/** What the list sorts by: the sort value of a cursor must be one PostgreSQL reads as that kind. */
export type CursorKind = 'text' | 'date' | 'timestamp';

export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
// A string PostgreSQL stores as text: no NUL and no lone surrogate (which node-postgres would send mangled).
// eslint-disable-next-line no-control-regex -- the NUL is what this refuses
const STORABLE = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

function fits(value: string, kind: CursorKind): boolean {
  if (kind === 'date') return isValidDate(value);
  if (kind === 'timestamp') {
    const m = TIMESTAMP.exec(value);
    return m !== null && isValidDate(m[1]!);
  }
  return value.length <= 1000 && STORABLE.test(value);
}

export function decodeCursor(cursor: string | undefined, kind: CursorKind): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [sortValue, id] = value as unknown[];
      if (typeof sortValue === 'string' && typeof id === 'string' && fits(sortValue, kind) && ID.test(id)) return [sortValue, id];
    }
  } catch {
    // not JSON: reported below
  }
  throw invalid([{ field: 'cursor', code: 'cursor_invalid' }]);
}
