import { invalid } from './errors';

// Keyset paging: a cursor carries the sort value and the id of the last row of a page, opaque to
// the client. A cursor that was not made here is a field error, never a server error.

export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // not JSON: reported below
  }
  throw invalid([{ field: 'cursor', code: 'cursor_invalid' }]);
}
