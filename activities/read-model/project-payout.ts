import type { DatabasePool } from '../../db/pool.ts';
import { upsertProviderPayout } from '../../db/queries/payouts.ts';
import { lockMissionReadModel } from '../../db/queries/read-model-lock.ts';
import type { ProviderPayoutView } from '../../workflows/messages/payouts.ts';

export function projectPayoutActivity(pool: DatabasePool) {
  return async function projectPayout(view: ProviderPayoutView): Promise<void> {
    await pool.transaction(async (tx) => {
      await lockMissionReadModel(tx, view.missionId);
      await upsertProviderPayout(tx, view);
    });
  };
}
