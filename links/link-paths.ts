import type { LinkPurpose } from '../workflows/messages/email.ts';

/** Where each kind of e-mail link lands in the API (routes/links.ts serves them). */
export const LINK_PATHS: Record<LinkPurpose, string> = {
  invitation: 'invitations',
  managerApproval: 'approvals',
  sessionShare: 'shared-sessions',
  participantRegistration: 'registrations',
  positioningTest: 'positioning-tests',
  survey: 'surveys',
  fundingDecision: 'funding-decisions',
  supplierInvoice: 'supplier-invoices',
  attendanceSigning: 'attendance-signing',
  halfDaySigning: 'half-day-signing',
  registrationConfirmation: 'registration-confirmations',
  endOfTrainingAssessment: 'end-of-training-assessments',
};
