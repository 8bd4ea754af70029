/** The session child workflow's contract, used by the mission workflow that starts it. */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SessionPolicy } from '../policy.ts';
import type { Session } from './mission.ts';
import type { SessionMissionContext, SessionView } from './staffing.ts';

export const SESSION_WORKFLOW_TYPE = 'sessionWorkflow';

export const sessionWorkflowId = (sessionId: string): string => `session-${sessionId}`;

export interface SessionWorkflowInput {
  mission: SessionMissionContext;
  session: Session;
  policy?: Partial<SessionPolicy>;
}

export const sessionRescheduledSignal =
  defineSignal<[{ startsAt: string; endsAt: string }]>('sessionRescheduled');
export const sessionCancelledSignal = defineSignal<[{ reason: string }]>('sessionCancelled');
export const sessionStateQuery = defineQuery<SessionView>('sessionState');
