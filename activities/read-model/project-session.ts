import type { DatabasePool } from '../../db/pool.ts';
import { insertAuditEvent } from '../../db/queries/audit-events.ts';
import { lockMissionReadModel } from '../../db/queries/read-model-lock.ts';
import { upsertSessionStaffing } from '../../db/queries/session-staffing.ts';
import type { AuditEvent } from '../../workflows/messages/audit.ts';
import type { SessionView } from '../../workflows/messages/session.ts';

export interface SessionChange {
  view: SessionView;
  version: number;
  audit: AuditEvent[];
}

/** The session workflow's own projection: slots, invitations and their audit trail, in one transaction. */
export function projectSessionActivity(pool: DatabasePool) {
  return async function projectSession(change: SessionChange): Promise<void> {
    await pool.transaction(async (tx) => {
      await lockMissionReadModel(tx, change.view.missionId);
      await upsertSessionStaffing(tx, change.view, change.version);
      for (const event of change.audit) {
        await insertAuditEvent(
          tx,
          change.view.missionId,
          `${change.view.sessionId}:${event.sequence}:${event.action}`,
          event,
        );
      }
    });
  };
}
