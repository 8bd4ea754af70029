import type { EmailRequest } from '../messages/email.ts';
import type { MissionSnapshot } from '../messages/mission.ts';
import type { AutomaticStep } from '../rules/deadlines.ts';
import { unplannedCount } from '../rules/planning.ts';

/** Each e-mail's idempotency key names the mission and the step: it can only ever go once. */
export function missionAssignedEmail(mission: MissionSnapshot): EmailRequest {
  return {
    template: 'missionAssigned',
    to: { email: mission.coordinator.email, name: mission.coordinator.name },
    language: 'fr',
    idempotencyKey: `${mission.missionId}:mission-assigned`,
    missionId: mission.missionId,
    data: {
      missionId: mission.missionId,
      missionTitle: mission.title,
      clientName: mission.client.name,
      coordinatorName: mission.coordinator.name,
      endDate: mission.endDate,
    },
  };
}

export function automaticStepEmail(mission: MissionSnapshot, step: AutomaticStep): EmailRequest {
  const data = {
    missionId: mission.missionId,
    missionTitle: mission.title,
    clientName: mission.client.name,
    coordinatorName: mission.coordinator.name,
    endDate: mission.endDate,
    unplanned: unplannedCount(mission),
  };
  const key = `${mission.missionId}:${step}`;
  switch (step) {
    case 'planningReminder':
      return {
        template: 'planningReminder',
        to: { email: mission.coordinator.email, name: mission.coordinator.name },
        language: 'fr',
        idempotencyKey: key,
        missionId: mission.missionId,
        data,
      };
    case 'planningEscalation':
      return {
        template: 'planningEscalation',
        to: 'staff',
        language: 'fr',
        idempotencyKey: key,
        missionId: mission.missionId,
        data,
      };
  }
}
