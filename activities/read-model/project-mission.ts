import { Context } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import { insertAuditEvent } from '../../db/queries/audit-events.ts';
import { upsertMission } from '../../db/queries/missions.ts';
import type { AuditEvent } from '../../workflows/messages/audit.ts';
import { type MissionSnapshot, missionWorkflowId } from '../../workflows/messages/mission.ts';

export interface MissionChange {
  mission: MissionSnapshot;
  /** The command that produced this version, if any; recorded in the same transaction. */
  audit?: AuditEvent;
}

export function projectMissionActivity(pool: DatabasePool) {
  return async function projectMission(change: MissionChange): Promise<void> {
    const workflowId =
      Context.current().info.workflowExecution?.workflowId ?? missionWorkflowId(change.mission.missionId);
    await pool.transaction(async (tx) => {
      await upsertMission(tx, change.mission, workflowId);
      if (change.audit) {
        const eventKey = `${change.mission.missionId}:v${change.mission.version}:${change.audit.action}`;
        await insertAuditEvent(tx, change.mission.missionId, eventKey, change.audit);
      }
    });
  };
}
