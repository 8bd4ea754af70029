/**
 * Double opt-in for registrations through a forwarded link: the API records the request and
 * starts this one-shot workflow, which e-mails the address a link to confirm. Nothing else is
 * sent to the address (no convocation, no test) until its owner confirms.
 */

import type { Language } from './domain.ts';
import type { SessionEmailData } from './email.ts';

export const REGISTRATION_CONFIRMATION_WORKFLOW_TYPE = 'registrationConfirmationWorkflow';

export const registrationConfirmationWorkflowId = (requestId: string): string =>
  `registration-request-${requestId}`;

export interface RegistrationConfirmationInput {
  requestId: string;
  email: string;
  language: Language;
  sessionId: string;
  session: SessionEmailData;
}
