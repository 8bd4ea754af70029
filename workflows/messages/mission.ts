/**
 * The mission workflow's public contract: its input, its state as callers see it, and the
 * messages they may send. The API and the worker import this module; nothing here does I/O.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor.ts';

export const SECTORS = ['company', 'association', 'public_sector', 'education'] as const;
export type Sector = (typeof SECTORS)[number];

export const DEAL_TYPES = ['subcontracting', 'client_introduction'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const SESSION_KINDS = ['workshop', 'training'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const MISSION_STATUSES = ['open', 'cancelled', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export interface OrderLine {
  kind: SessionKind;
  quantity: number;
  participantsPerSession: number;
  unitPriceCents: number;
}

export interface Client {
  name: string;
}

/** Someone the mission writes to: the id is theirs in the association's directory. */
export interface Contact {
  id: string;
  name: string;
  email: string;
}

/** What a coordinator's won order says; becomes the mission workflow's input. */
export interface MissionOrder {
  title: string;
  client: Client;
  sector: Sector;
  dealType: DealType;
  coordinator: Contact;
  /** Calendar date (YYYY-MM-DD) by which every session must have taken place. */
  endDate: string;
  orderLines: OrderLine[];
}

export interface MissionWorkflowInput {
  missionId: string;
  order: MissionOrder;
  createdBy: Actor;
}

export interface MissionSnapshot extends MissionOrder {
  missionId: string;
  status: MissionStatus;
  /** ISO instant of the next thing that will happen by itself, if any. */
  nextDeadline: string | null;
  createdAt: string;
  updatedAt: string;
  /** Grows with every accepted change; the read model keeps the highest it has seen. */
  version: number;
}

/** The workflow type's registered name: the API starts it by name and never imports its code. */
export const MISSION_WORKFLOW_TYPE = 'missionWorkflow';

export const missionWorkflowId = (missionId: string): string => `mission-${missionId}`;

export const missionStateQuery = defineQuery<MissionSnapshot>('missionState');

/**
 * Answers once the mission's read model is written, so a caller that created the mission can
 * read it back straight away. Sent with the workflow's start (update-with-start).
 */
export const awaitMissionOpenedUpdate = defineUpdate<MissionSnapshot>('awaitMissionOpened');
