import type { Actor } from '../messages/actor.ts';
import type { MissionSnapshot } from '../messages/mission.ts';
import { conflict, forbidden, invalid, type Violation } from './violation.ts';

/** A cancelled or closed mission accepts nothing more. */
export function checkMissionAcceptsCommands(mission: Pick<MissionSnapshot, 'status'>): Violation | null {
  if (mission.status === 'cancelled')
    return conflict('MISSION_CANCELLED', 'This mission was cancelled: nothing can be changed or added.');
  if (mission.status === 'closed')
    return conflict('MISSION_CLOSED', 'This mission is closed: nothing can be changed or added.');
  return null;
}

export function checkStaff(actor: Actor, action: string): Violation | null {
  return actor.role === 'staff'
    ? null
    : forbidden('STAFF_ONLY', `Only the association's staff may ${action}.`);
}

export function checkCancelMission(mission: MissionSnapshot, actor: Actor, reason: string): Violation | null {
  return (
    checkStaff(actor, 'cancel a mission') ??
    checkMissionAcceptsCommands(mission) ??
    (reason.trim() === '' ? invalid('REASON_REQUIRED', 'Say why the mission is cancelled.') : null)
  );
}
