/** Opaque keyset cursors: the sort key of the last row served, so pages stay stable while rows are added. */
export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): Array<string | number> | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through: a malformed cursor is treated as a client error by the caller
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Queries fetch limit + 1 rows; the extra one only says whether another page exists. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Array<string | number>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Escapes LIKE wildcards so a user's "50%" or "a_b" is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}
