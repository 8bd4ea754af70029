import type { MissionRecord, MissionSummaryRecord, SessionRecord } from '../../db/queries/missions.ts';
import { missionWorkflowId } from '../../workflows/messages/mission.ts';
import { sessionWorkflowId } from '../../workflows/messages/session.ts';

export function presentSession(record: SessionRecord) {
  const { sessionId, ...session } = record;
  return { id: sessionId, ...session, workflowId: sessionWorkflowId(sessionId) };
}

/** A mission in lists: everything but its sessions. */
export function presentMissionSummary(record: MissionSummaryRecord) {
  return {
    id: record.missionId,
    title: record.title,
    client: { name: record.clientName },
    sector: record.sector,
    dealType: record.dealType,
    coordinator: { id: record.coordinatorId, name: record.coordinatorName, email: record.coordinatorEmail },
    status: record.status,
    cancellationReason: record.cancellationReason,
    endDate: record.endDate,
    nextDeadline: record.nextDeadline,
    orderLines: record.orderLines,
    counters: record.counters,
    workflowId: missionWorkflowId(record.missionId),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

/** The mission as the API shows it, from its read-model row. */
export function presentMission(record: MissionRecord) {
  return { ...presentMissionSummary(record), sessions: record.sessions.map(presentSession) };
}
