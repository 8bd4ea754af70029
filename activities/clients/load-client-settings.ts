import type { DatabasePool } from '../../db/pool.ts';
import { findClientSettings } from '../../db/queries/client-settings.ts';
import type { ManagerSilenceOutcome } from '../../workflows/policy.ts';

/** The client's choices as they stand now; null for a choice the client has not made. */
export function loadClientSettingsActivity(pool: DatabasePool) {
  return async function loadClientSettings(
    clientName: string,
  ): Promise<{ managerSilence: ManagerSilenceOutcome | null }> {
    const settings = await findClientSettings(pool, clientName);
    return { managerSilence: settings?.managerSilence ?? null };
  };
}
