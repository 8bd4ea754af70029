import type { DatabasePool } from '../../db/pool.ts';
import { findFacilitator } from '../../db/queries/facilitators.ts';
import type { FacilitatorCompliance } from '../../workflows/rules/compliance.ts';

/** The directory's current compliance facts for each facilitator; null for one no longer listed. */
export function loadComplianceActivity(pool: DatabasePool) {
  return async function loadCompliance(
    facilitatorIds: string[],
  ): Promise<Record<string, FacilitatorCompliance | null>> {
    const found: Record<string, FacilitatorCompliance | null> = {};
    for (const id of facilitatorIds) {
      const record = await findFacilitator(pool, id);
      found[id] = record
        ? {
            trainingProviderNumber: record.trainingProviderNumber,
            complianceCheckedOn: record.complianceCheckedOn,
            compliantUntil: record.compliantUntil,
          }
        : null;
    }
    return found;
  };
}
