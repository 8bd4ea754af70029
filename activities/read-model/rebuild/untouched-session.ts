import type { MissionSnapshot } from '../../../workflows/messages/mission.ts';
import type { SessionView } from '../../../workflows/messages/session.ts';
import { SessionState } from '../../../workflows/session/session-state.ts';

/**
 * A session workflow projects its first change, not its start: a session nobody has touched yet
 * has no staffing row, and the API answers from the session itself. Such a session's state is
 * the one its workflow starts with, built here by the same class the workflow uses.
 */
export function untouchedSession(mission: MissionSnapshot, view: SessionView): boolean {
  const {
    missionId,
    slots,
    invitations,
    participants,
    attendance,
    certificates,
    surveys,
    attendanceSheetDocumentId,
    funding,
    complianceRecheck,
    ...session
  } = view;
  const context = {
    missionId,
    title: mission.title,
    clientName: mission.client.name,
    sector: mission.sector,
    coordinator: mission.coordinator,
    unitPriceCents: mission.orderLines.find((line) => line.kind === session.kind)?.unitPriceCents ?? 0,
  };
  const start = new SessionState(context, session, attendance.signing?.graceAfterHalfDay);
  return JSON.stringify(start.view()) === JSON.stringify(view);
}
