/**
 * Who pays for a training and how: the client's kind decides the funder and the fields the
 * proposal documents need (seed 004). Decisions come from staff or the client's signed link.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor.ts';
import type { OfferRef } from './domain.ts';
import type { SessionEmailData } from './email.ts';

export const FUNDING_KINDS = ['opco', 'cpf', 'france_travail', 'fifpl', 'agefice', 'client'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
}

/** A company whose OPCO (its sector's training fund) is asked to take the cost over. */
export interface CompanyClient {
  type: 'company';
  companyName: string;
  siret: string;
  managerName: string;
  trainingContactName: string | null;
  phone: string;
  address: PostalAddress;
  trainingPlace: string;
  /** The contact who receives the proposal and forwards it to the funder. */
  contactEmail: string;
}

/** A person funding their training with CPF or through France Travail. */
export interface IndividualClient {
  type: 'individual';
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** France Travail only: the person's identifier and their agency's locality. */
  franceTravailId: string | null;
  agencyLocality: string | null;
}

/** An independent worker funded by FIFPL or AGEFICE. */
export interface IndependentClient {
  type: 'independent';
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  siret: string;
  address: PostalAddress;
}

export type FundedClient = CompanyClient | IndividualClient | IndependentClient;

export interface Expense {
  label: string;
  /** travel, lodging, meals, other */
  category: 'travel' | 'lodging' | 'meals' | 'other';
  amountCents: number;
}

export interface FundingRequest {
  kind: FundingKind;
  client: FundedClient;
  expenses: Expense[];
}

export const FUNDING_STATUSES = [
  'proposal_pending',
  'awaiting_decision',
  'funded',
  'partially_funded',
  'refused',
  'no_decision',
  'self_funded',
] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/**
 * `agreementNumber` is the funder's reference for its decision (an OPCO's "numéro de prise en
 * charge"): funders match the certificates and the invoice to it. Decisions recorded before it
 * existed have none.
 */
export type FundingDecision =
  | { outcome: 'full'; agreementNumber?: string }
  | { outcome: 'partial'; amountCents: number; agreementNumber?: string }
  | { outcome: 'refused' };

/** Proposal documents: quote ("devis"), training agreement ("convention"), programme. */
export interface ProposalData {
  missionId: string;
  sessionId: string;
  proposalNumber: string;
  issuedOn: string;
  funding: FundingRequest;
  training: {
    title: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    place: string;
    hours: number;
    capacity: number;
    /** Half-days with their times and content, for the programme. */
    halfDays: {
      date: string;
      period: 'morning' | 'afternoon';
      startsAt: string;
      endsAt: string;
      content: string;
    }[];
  };
  pricing: { unitPriceCents: number; expensesCents: number; totalCents: number };
  coordinatorName: string;
  /**
   * The catalogue version the session delivers; null: the install's starter offer of its kind.
   * Absent from requests scheduled before the catalogue, which read as null.
   */
  offer?: OfferRef | null;
}

export interface FundingState {
  request: FundingRequest | null;
  status: FundingStatus | null;
  proposal: { number: string; version: number; documentIds: string[]; sentAt: string } | null;
  decision: (FundingDecision & { automatic: boolean; decidedAt: string }) | null;
  /** What the client is billed for, once known: the unfunded share, or everything. */
  billing: { totalCents: number; fundedCents: number; clientCents: number } | null;
  /** After a refusal: the coordinator chose to keep the session, the client paying. */
  keptAfterRefusal: boolean;
}

export interface SetFundingCommand {
  actor: Actor;
  request: FundingRequest;
}

export interface DecideFundingCommand {
  /** A staff member's id, or "client-contact" when it came through the client's link. */
  decidedBy: string;
  decision: FundingDecision;
}

export const FUNDING_WORKFLOW_TYPE = 'fundingWorkflow';
export const fundingWorkflowId = (sessionId: string): string => `funding-${sessionId}`;

export interface FundingWorkflowInput {
  missionId: string;
  sessionId: string;
  startsAt: string;
  totalCents: number;
  clientContact: { name: string; email: string };
  session: SessionEmailData;
  coordinator: { name: string; email: string };
  policy: { reminderDaysBefore: number[]; escalationDaysBefore: number; noticeDaysBefore: number };
}

export const decideFundingUpdate = defineUpdate<FundingDecision, [DecideFundingCommand]>('decideFunding');
export const fundingStateQuery = defineQuery<{ decided: boolean; withdrawn: boolean }>('fundingState');

/** From the funding workflow to its session: the funder's decision, or silence at the deadline. */
export const fundingDecidedSignal =
  defineSignal<[{ decision: FundingDecision | null; automatic: boolean }]>('fundingDecided');
/** From a cancelled session to its funding workflow: stop waiting. */
export const fundingWithdrawnSignal = defineSignal('fundingWithdrawn');
/** From a session to its mission: whether it awaits a funding decision (a search attribute). */
export const sessionFundingChangedSignal =
  defineSignal<[{ sessionId: string; awaiting: boolean }]>('sessionFundingChanged');
