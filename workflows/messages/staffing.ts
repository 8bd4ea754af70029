/**
 * Who facilitates a session: its slots, the invitations sent for them and the answers. Commands
 * go to the session's own workflow (`session-<id>`), whose history grows with them.
 */
import { defineSignal } from '@temporalio/workflow';
import type { FacilitatorCompliance } from '../rules/compliance.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import type { Actor } from './actor.ts';
import type { Contact, FacilitatorStatus, Sector } from './domain.ts';

export const INVITATION_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  'refused_by_manager',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export type ApprovalState = 'not_needed' | 'pending' | 'approved' | 'refused';

/** The directory's facts about the invitee, as they were when the invitation was sent. */
export interface InvitedFacilitator {
  id: string;
  name: string;
  email: string;
  compliance: FacilitatorCompliance;
  /** Set for employees of the client: their manager approves participation in working time. */
  managerEmail: string | null;
}

export interface Invitation {
  invitationId: string;
  facilitator: InvitedFacilitator;
  status: InvitationStatus;
  facilitatorStatus: FacilitatorStatus;
  sentAt: string;
  expiresAt: string;
  reminderSent: boolean;
  respondedAt: string | null;
  /** Only for internal employees taking part during working time. */
  approval: ApprovalState;
  /** What the manager wrote with their decision, for the coordinator. */
  approvalNote?: string;
  /** Set when nobody decided: the client's rule (or the default) that silence followed. */
  approvalRule?: SilenceRule;
  duringWorkingTime: boolean | null;
}

export interface Slots {
  total: number;
  /** Accepted facilitators plus pending invitations, which hold their slot until answered. */
  taken: number;
  open: number;
}

/** What the check of facilitators' compliance shortly before the session found. */
export interface ComplianceRecheck {
  /** The start it was made for: a moved session is checked again for its new date. */
  checkedFor: string | null;
  issues: { facilitatorId: string; name: string; reason: string }[];
}

/** What a session needs to know of its mission to run its own rules and e-mails. */
export interface SessionMissionContext {
  missionId: string;
  title: string;
  clientName: string;
  sector: Sector;
  coordinator: Contact;
  /** Price of this session's kind on the order: what a funder is asked to take over. */
  unitPriceCents: number;
}

export interface InviteFacilitatorCommand {
  actor: Actor;
  invitationId: string;
  facilitator: InvitedFacilitator;
  facilitatorStatus: FacilitatorStatus;
}

export interface RespondToInvitationCommand {
  invitationId: string;
  response: 'accept' | 'decline';
  /** Asked on acceptance from internal employees: working time needs their manager's approval. */
  duringWorkingTime?: boolean;
}

export interface ChangeFacilitatorStatusCommand {
  actor: Actor;
  facilitatorId: string;
  status: FacilitatorStatus;
}

export interface WithdrawCommand {
  invitationId: string;
}

/** The manager's answer, from the approval workflow to its session. */
export const managerDecidedSignal =
  defineSignal<
    [
      {
        invitationId: string;
        approved: boolean;
        automatic: boolean;
        note?: string;
        silenceRule?: SilenceRule;
      },
    ]
  >('managerDecided');
