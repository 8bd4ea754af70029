import type { EmailRequest } from '../../../workflows/messages/email.ts';
import type { EmailContent } from '../layout.ts';
import { assessmentInvitation, endOfTrainingAttestation } from './assessment.ts';
import { auditMismatch } from './audit.ts';
import { certificatesUnbacked } from './certificates.ts';
import { clientInvoiceable, closureReminder, missionClosed, usageRightsRequest } from './closure.ts';
import { convocation, internalRulesMissing } from './convocation.ts';
import {
  fundingDecided,
  fundingEscalation,
  fundingNotice,
  fundingProposal,
  fundingReminder,
} from './funding.ts';
import { missionAssigned } from './mission-assigned.ts';
import {
  attendanceEscalation,
  attendanceReminder,
  certificate,
  registrationConfirmation,
  sessionCancelledParticipant,
  surveyInvitation,
  surveyReminder,
} from './participants.ts';
import {
  selfBillingInvoiceIssued,
  selfBillingInvoiceToBilling,
  supplierInvoiceOverdue,
  supplierInvoiceReceived,
  supplierInvoiceRequest,
} from './payouts.ts';
import { planningEscalation, planningReminder } from './planning.ts';
import type { SendContext } from './send-context.ts';
import { sessionMessage } from './session-message.ts';
import { attendanceSigningLink, countersignatureReminder } from './signing.ts';
import {
  complianceLapsed,
  facilitatorInvitation,
  invitationOutcome,
  invitationReminder,
  managerApprovalEscalation,
  managerApprovalReminder,
  managerApprovalRequest,
  sessionCancelledFacilitator,
} from './staffing.ts';

export interface Links {
  /** The coordinator's page about this e-mail's mission, or its session when it names one. */
  coordinatorPage: string;
  /** The signed link the request asked for, already minted by the activity. */
  action?: string;
}

/**
 * Renders any template from its request; adding a template means adding a case here. What the
 * sending activity read for this e-mail (the settings in force, the files it attaches) comes
 * beside the request, never in it, so no workflow history holds it.
 */
export function renderTemplate(request: EmailRequest, links: Links, sent: SendContext): EmailContent {
  const missionPage = links.coordinatorPage;
  const action = links.action ?? missionPage;
  switch (request.template) {
    case 'missionAssigned':
      return missionAssigned(request.data, request.language, { missionPage });
    case 'planningReminder':
      return planningReminder(request.data, request.language, { missionPage });
    case 'planningEscalation':
      return planningEscalation(request.data, request.language, { missionPage });
    case 'facilitatorInvitation':
      return facilitatorInvitation(request.data, request.language, action);
    case 'invitationReminder':
      return invitationReminder(request.data, request.language, action);
    case 'invitationOutcome':
      return invitationOutcome(request.data, request.language, missionPage);
    case 'managerApprovalRequest':
      return managerApprovalRequest(request.data, request.language, action);
    case 'managerApprovalReminder':
      return managerApprovalReminder(request.data, request.language, action);
    case 'managerApprovalEscalation':
      return managerApprovalEscalation(request.data, request.language, missionPage);
    case 'registrationConfirmation':
      return registrationConfirmation(request.data, request.language, action);
    case 'convocation':
      return convocation(request.data, request.language, action, sent);
    case 'internalRulesMissing':
      return internalRulesMissing(request.data, request.language);
    case 'attendanceReminder':
      return attendanceReminder(request.data, request.language, missionPage);
    case 'attendanceEscalation':
      return attendanceEscalation(request.data, request.language, missionPage);
    case 'certificate':
      return certificate(request.data, request.language, action);
    case 'certificatesUnbacked':
      return certificatesUnbacked(request.data, request.language, missionPage);
    case 'auditMismatch':
      return auditMismatch(request.data, request.language, missionPage);
    case 'assessmentInvitation':
      return assessmentInvitation(request.data, request.language, action);
    case 'endOfTrainingAttestation':
      return endOfTrainingAttestation(request.data, request.language);
    case 'surveyInvitation':
      return surveyInvitation(request.data, request.language, action);
    case 'surveyReminder':
      return surveyReminder(request.data, request.language, action);
    case 'sessionCancelledParticipant':
      return sessionCancelledParticipant(request.data, request.language, sent.attached.has('calendar'));
    case 'sessionCancelledFacilitator':
      return sessionCancelledFacilitator(request.data, request.language);
    case 'complianceLapsed':
      return complianceLapsed(request.data, request.language, missionPage);
    case 'sessionMessage':
      return sessionMessage(request.data, request.language);
    case 'attendanceSigningLink':
      return attendanceSigningLink(request.data, request.language, action);
    case 'countersignatureReminder':
      return countersignatureReminder(request.data, request.language, action);
    case 'fundingProposal':
      return fundingProposal(request.data, request.language, action, sent.attached);
    case 'fundingReminder':
      return fundingReminder(request.data, request.language, action);
    case 'fundingEscalation':
      return fundingEscalation(request.data, request.language, missionPage);
    case 'fundingNotice':
      return fundingNotice(request.data, request.language, missionPage);
    case 'fundingDecided':
      return fundingDecided(request.data, request.language, missionPage);
    case 'selfBillingInvoiceIssued':
      return selfBillingInvoiceIssued(request.data, request.language);
    case 'selfBillingInvoiceToBilling':
      return selfBillingInvoiceToBilling(request.data, request.language, missionPage);
    case 'supplierInvoiceRequest':
      return supplierInvoiceRequest(request.data, request.language, action);
    case 'supplierInvoiceOverdue':
      return supplierInvoiceOverdue(request.data, request.language, missionPage);
    case 'supplierInvoiceReceived':
      return supplierInvoiceReceived(request.data, request.language, missionPage);
    case 'closureReminder':
      return closureReminder(request.data, request.language, missionPage);
    case 'usageRightsRequest':
      return usageRightsRequest(request.data, request.language, missionPage);
    case 'clientInvoiceable':
      return clientInvoiceable(request.data, request.language, missionPage);
    case 'missionClosed':
      return missionClosed(request.data, request.language, missionPage);
  }
}
