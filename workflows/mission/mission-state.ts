import type { MissionSnapshot, MissionWorkflowInput } from '../messages/mission.ts';

/**
 * The mission's process state. Kept apart from the workflow function so its rules can be
 * tested without Temporal and so continue-as-new can carry it whole.
 */
export class MissionState {
  private state: MissionSnapshot;

  constructor(input: MissionWorkflowInput, now: string) {
    this.state = {
      ...input.order,
      missionId: input.missionId,
      status: 'open',
      nextDeadline: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  title(): string {
    return `${this.state.client.name} — ${this.state.title}`;
  }

  snapshot(): MissionSnapshot {
    return JSON.parse(JSON.stringify(this.state)) as MissionSnapshot;
  }
}
