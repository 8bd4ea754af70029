/**
 * The e-mails workflows ask for, by template, with the data each template needs. Rendering and
 * sending happen in activities/email; a workflow only names the template and the recipient.
 */
export type Language = 'fr' | 'en';

export interface EmailTemplateData {
  missionAssigned: {
    missionId: string;
    missionTitle: string;
    clientName: string;
    coordinatorName: string;
    endDate: string;
  };
}

export type EmailTemplateName = keyof EmailTemplateData;

export type EmailRequest = {
  [T in EmailTemplateName]: {
    template: T;
    data: EmailTemplateData[T];
    to: { email: string; name: string };
    language: Language;
    /** The same key is never sent twice, however often the activity is retried. */
    idempotencyKey: string;
    missionId: string;
    sessionId?: string;
  };
}[EmailTemplateName];

export type EmailOutcome = { status: 'sent' | 'rejected'; providerMessageId: string | null };
