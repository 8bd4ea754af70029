/** The session child workflow's contract, used by the mission workflow that starts it. */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Session } from './mission.ts';

export const SESSION_WORKFLOW_TYPE = 'sessionWorkflow';

export const sessionWorkflowId = (sessionId: string): string => `session-${sessionId}`;

export interface SessionWorkflowInput {
  missionId: string;
  /** Who and for whom, so staff find the session next to its mission in the Web UI. */
  coordinatorId: string;
  clientName: string;
  session: Session;
}

export const sessionRescheduledSignal =
  defineSignal<[{ startsAt: string; endsAt: string }]>('sessionRescheduled');
export const sessionCancelledSignal = defineSignal<[{ reason: string }]>('sessionCancelled');
export const sessionStateQuery = defineQuery<Session>('sessionState');
