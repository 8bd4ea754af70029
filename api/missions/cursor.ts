import { ProblemError } from '../problems.ts';

export interface MissionCursor {
  createdAt: string;
  missionId: string;
}

/** Opaque to clients: the position after which the next page starts. */
export function encodeCursor(cursor: MissionCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.missionId])).toString('base64url');
}

export function decodeCursor(value: string): MissionCursor {
  try {
    const [createdAt, missionId] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof missionId === 'string' &&
      /^[0-9a-f-]{36}$/.test(missionId)
    ) {
      return { createdAt, missionId };
    }
  } catch {
    // Falls through to the same answer as a well-formed but meaningless cursor.
  }
  throw new ProblemError(
    422,
    'INVALID_CURSOR',
    'The cursor is not one this API returned; start again without it.',
  );
}
