import { Context } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import { insertAuditEvent } from '../../db/queries/audit-events.ts';
import { upsertMission } from '../../db/queries/missions.ts';
import { lockMissionReadModel } from '../../db/queries/read-model-lock.ts';
import type { AuditEvent } from '../../workflows/messages/audit.ts';
import { type MissionSnapshot, missionWorkflowId } from '../../workflows/messages/mission.ts';

export interface MissionChange {
  mission: MissionSnapshot;
  /** The changes since the last projection, recorded in the same transaction. */
  audit: AuditEvent[];
}

export function projectMissionActivity(pool: DatabasePool) {
  return async function projectMission(change: MissionChange): Promise<void> {
    const workflowId =
      Context.current().info.workflowExecution?.workflowId ?? missionWorkflowId(change.mission.missionId);
    await pool.transaction(async (tx) => {
      await lockMissionReadModel(tx, change.mission.missionId);
      await upsertMission(tx, change.mission, workflowId);
      for (const event of change.audit) {
        await insertAuditEvent(
          tx,
          change.mission.missionId,
          `${change.mission.missionId}:${event.sequence}:${event.action}`,
          event,
        );
      }
    });
  };
}
