import type { Static } from 'typebox';
import type { MissionSchema, SessionSchema } from '../../api/schemas/mission.ts';
import type { ProblemSchema } from '../../api/schemas/problem.ts';

export type SessionBody = Static<typeof SessionSchema>;
export type MissionBody = Omit<Static<typeof MissionSchema>, 'sessions'> & { sessions: SessionBody[] };
export type ProblemBody = Static<typeof ProblemSchema> & Record<string, unknown>;

/** Reads a JSON response as the type its route documents. */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
