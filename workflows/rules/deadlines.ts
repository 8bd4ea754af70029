/**
 * What the mission does by itself, and when: planning reminders before the end date, and the
 * sessions' own starts and ends. The workflow sleeps until the earliest of these.
 */
import type { MissionSnapshot } from '../messages/mission.ts';
import type { MissionPolicy } from '../policy.ts';
import { addDays, businessInstant } from './calendar.ts';
import { unplannedCount } from './planning.ts';

export type AutomaticStep = 'planningReminder' | 'planningEscalation';

interface ScheduledStep {
  step: AutomaticStep;
  at: Date;
}

function planningSteps(mission: MissionSnapshot, policy: MissionPolicy): ScheduledStep[] {
  const at = (days: number) => businessInstant(addDays(mission.endDate, -days), policy.reminderTimeOfDay);
  const steps: ScheduledStep[] = [];
  if (!mission.milestones.planningReminderSent)
    steps.push({ step: 'planningReminder', at: at(policy.planningReminderDaysBeforeEnd) });
  if (!mission.milestones.planningEscalationSent) {
    steps.push({ step: 'planningEscalation', at: at(policy.planningEscalationDaysBeforeEnd) });
  }
  // A step whose day had passed before the mission existed is not sent late: it no longer fits.
  return steps.filter((candidate) => candidate.at.getTime() >= Date.parse(mission.createdAt));
}

/** Steps that are due now: their time has come, they were not taken, and they still apply. */
export function dueSteps(mission: MissionSnapshot, policy: MissionPolicy, now: Date): AutomaticStep[] {
  if (mission.status !== 'open' || unplannedCount(mission) === 0) return [];
  return planningSteps(mission, policy)
    .filter((candidate) => candidate.at.getTime() <= now.getTime())
    .map((candidate) => candidate.step);
}

/** When the workflow must wake up next for a planning step, if any still applies. */
export function nextPlanningStepAt(mission: MissionSnapshot, policy: MissionPolicy): Date | null {
  if (mission.status !== 'open' || unplannedCount(mission) === 0) return null;
  const times = planningSteps(mission, policy).map((candidate) => candidate.at.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** The next instant at which something happens by itself, shown to users and to staff. */
export function nextDeadline(mission: MissionSnapshot, policy: MissionPolicy, now: Date): Date | null {
  if (mission.status !== 'open') return null;
  const candidates: number[] = [];
  if (unplannedCount(mission) > 0) {
    for (const step of planningSteps(mission, policy)) candidates.push(step.at.getTime());
  }
  for (const session of mission.sessions) {
    if (session.status === 'planned') candidates.push(Date.parse(session.startsAt));
    if (session.status === 'planned' || session.status === 'running')
      candidates.push(Date.parse(session.endsAt));
  }
  const upcoming = candidates.filter((time) => time > now.getTime());
  const overdue = candidates.filter((time) => time <= now.getTime());
  const next = overdue.length > 0 ? Math.min(...overdue) : upcoming.length > 0 ? Math.min(...upcoming) : null;
  return next === null ? null : new Date(next);
}
