import type { MissionRecord } from '../../db/queries/missions.ts';
import { missionWorkflowId } from '../../workflows/messages/mission.ts';

/** The mission as the API shows it, from its read-model row. */
export function presentMission(record: MissionRecord) {
  return {
    id: record.missionId,
    title: record.title,
    client: { name: record.clientName },
    sector: record.sector,
    dealType: record.dealType,
    coordinator: { id: record.coordinatorId, name: record.coordinatorName, email: record.coordinatorEmail },
    status: record.status,
    endDate: record.endDate,
    nextDeadline: record.nextDeadline,
    orderLines: record.orderLines,
    workflowId: missionWorkflowId(record.missionId),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}
