import { decodeCursor as decodeParts, encodeCursor as encodeParts, isTimestamp, isUuid } from '../cursors.ts';

export interface MissionCursor {
  createdAt: string;
  missionId: string;
}

/** Opaque to clients: the position after which the next page starts. */
export function encodeCursor(cursor: MissionCursor): string {
  return encodeParts([cursor.createdAt, cursor.missionId]);
}

export function decodeCursor(value: string): MissionCursor {
  const [createdAt = '', missionId = ''] = decodeParts(value, [isTimestamp, isUuid]);
  return { createdAt, missionId };
}
