/** The manager-approval child workflow's contract (one per invitation that needs it). */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SessionPolicy } from '../policy.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import type { Contact } from './domain.ts';
import type { SessionEmailData } from './email.ts';

export const MANAGER_APPROVAL_WORKFLOW_TYPE = 'managerApprovalWorkflow';

export const approvalWorkflowId = (invitationId: string): string => `approval-${invitationId}`;

export interface ManagerApprovalInput {
  invitationId: string;
  sessionId: string;
  missionId: string;
  managerEmail: string;
  facilitatorName: string;
  coordinator: Contact;
  session: SessionEmailData;
  policy: SessionPolicy;
  /**
   * The client's rule for silence, as it stood when the approval started. Approvals started
   * before clients had settings carry none and follow `policy.managerSilence`.
   */
  silenceRule?: SilenceRule;
}

export type ApprovalOutcome =
  | {
      decided: true;
      approved: boolean;
      automatic: boolean;
      note?: string;
      /** On an automatic decision: the rule silence followed. */
      silenceRule?: SilenceRule;
    }
  | { decided: false; reason: 'withdrawn' | 'session_started' };

/** The manager's answer; the note (optional) is passed on to the coordinator. */
export interface ApprovalDecision {
  approved: boolean;
  note?: string;
}

export const decideApprovalUpdate = defineUpdate<ApprovalOutcome, [ApprovalDecision]>('decideApproval');
export const approvalWithdrawnSignal = defineSignal('approvalWithdrawn');
