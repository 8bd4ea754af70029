import { type CommonQueryMethods, sql } from 'slonik';

/**
 * Serialises everything that writes a mission's read rows (the mission's, its sessions' and its
 * payouts' projections, and the rebuild) until the transaction ends. The rebuild holds it while it
 * asks the workflows: no projection can commit an older state over what it writes, and a row
 * only the read model has is never one a projection wrote in the meantime.
 */
export async function lockMissionReadModel(tx: CommonQueryMethods, missionId: string): Promise<void> {
  await tx.query(sql.unsafe`select pg_advisory_xact_lock(hashtextextended(${`read-model:${missionId}`}, 0))`);
}
