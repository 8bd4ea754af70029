import { ProblemError } from './problems.ts';

/**
 * List cursors are opaque to clients: the last row's sort key as a base64url JSON array. A
 * cursor is checked part by part before any query sees it, so a forged one is a 400 with a code,
 * never a failed cast in SQL (issue #14, finding 6).
 */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(value: string, checks: ((part: string) => boolean)[]): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== checks.length ||
    !parts.every((part, index) => typeof part === 'string' && checks[index]?.(part))
  )
    throw invalidCursor();
  return parts as string[];
}

export const isUuid = (part: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(part);

/** An instant as this API writes it (ISO 8601, UTC, years 1000–9999), which Postgres reads back. */
export const isTimestamp = (part: string) =>
  /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(part) && !Number.isNaN(Date.parse(part));

/** Names and ids as the directory holds them: short, no control characters (no NUL for Postgres). */
export const isShortText = (part: string) =>
  part.length > 0 && part.length <= 100 && [...part].every((character) => !isControl(character));

const isControl = (character: string) => {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
};

const invalidCursor = () =>
  new ProblemError(400, 'INVALID_CURSOR', 'The cursor is not one this API returned; start again without it.');
