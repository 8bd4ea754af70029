import type { EmailRequest } from '../messages/email.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import type { AuditHoldFinding } from '../rules/audit-consistency.ts';
import { sessionEmailData } from './emails.ts';

/** To staff: the documents disagree, so the session's certificates and payouts wait (issue #19). */
export function auditMismatchEmail(
  mission: SessionMissionContext,
  view: SessionView,
  findings: AuditHoldFinding[],
  at: Date,
): EmailRequest {
  return {
    template: 'auditMismatch',
    to: 'staff',
    language: 'fr',
    idempotencyKey: `${view.sessionId}:audit-mismatch:${at.toISOString()}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      findings: findings.map(({ code, problem, fix }) => ({ code, problem, fix })),
    },
  };
}
