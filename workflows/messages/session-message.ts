/**
 * A message the coordinator (or staff) writes from the console to a session's people (seed 004's
 * "messagerie"): one e-mail per recipient, sent and logged by the session's own workflow.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor.ts';

export const MESSAGE_AUDIENCES = ['participants', 'facilitators', 'both'] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

export const MESSAGE_SUBJECT_MAX = 150;
export const MESSAGE_BODY_MAX = 5000;

export interface SendSessionMessageCommand {
  actor: Actor;
  messageId: string;
  audience: MessageAudience;
  subject: string;
  /** Plain text: line breaks are kept, nothing in it is read as markup. */
  body: string;
}

export interface SessionMessageSent {
  messageId: string;
  audience: MessageAudience;
  /** How many people the e-mail went to (one e-mail each). */
  recipients: number;
}

export const sendSessionMessageUpdate = defineUpdate<SessionMessageSent, [SendSessionMessageCommand]>(
  'sendSessionMessage',
);
