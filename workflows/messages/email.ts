/**
 * The e-mails workflows ask for, by template, with the data each template needs. Rendering and
 * sending happen in activities/email; a workflow only names the template and the recipient.
 */
import type { Language } from './mission.ts';

export type { Language };

interface MissionEmailData {
  missionId: string;
  missionTitle: string;
  clientName: string;
  coordinatorName: string;
  endDate: string;
}

export interface EmailTemplateData {
  missionAssigned: MissionEmailData;
  planningReminder: MissionEmailData & { unplanned: number };
  planningEscalation: MissionEmailData & { unplanned: number };
}

/** A person, or the association's staff mailbox (configured on the worker). */
export type Recipient = { email: string; name: string } | 'staff';

export type EmailTemplateName = keyof EmailTemplateData;

export type EmailRequest = {
  [T in EmailTemplateName]: {
    template: T;
    data: EmailTemplateData[T];
    to: Recipient;
    language: Language;
    /** The same key is never sent twice, however often the activity is retried. */
    idempotencyKey: string;
    missionId: string;
    sessionId?: string;
  };
}[EmailTemplateName];

export type EmailOutcome = { status: 'sent' | 'rejected'; providerMessageId: string | null };
