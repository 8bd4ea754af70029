import type { FundingState } from '../messages/funding.ts';
import type { SessionFacts } from '../messages/payouts.ts';
import type { SessionView } from '../messages/session.ts';
import type { Invitation } from '../messages/staffing.ts';
import { sessionFacilitators } from '../rules/signing.ts';

/**
 * The facilitators taking part, lead first: the first facilitator to have accepted leads (the
 * slot the session opened with); those who joined after co-facilitate.
 */
export function facilitatorsByRole(view: Pick<SessionView, 'invitations'>): Invitation[] {
  return sessionFacilitators(view).sort((a, b) =>
    (a.respondedAt ?? a.sentAt).localeCompare(b.respondedAt ?? b.sentAt),
  );
}

/**
 * Billing quotes the funder's agreement number on the invoice. Absent, not null, when there is
 * none, so a session decided before numbers existed reports the very facts it reported then.
 */
function agreementOf(decision: FundingState['decision']): { agreementNumber?: string } {
  return decision && 'agreementNumber' in decision && decision.agreementNumber
    ? { agreementNumber: decision.agreementNumber }
    : {};
}

/** What the mission needs of this session for payouts and closure. */
export function sessionFactsOf(view: SessionView): SessionFacts {
  const taking = facilitatorsByRole(view);
  const funding = view.funding;
  return {
    sessionId: view.sessionId,
    facilitators: taking.map((invitation, index) => ({
      facilitatorId: invitation.facilitator.id,
      name: invitation.facilitator.name,
      email: invitation.facilitator.email,
      status: invitation.facilitatorStatus,
      role: index === 0 ? 'lead' : 'co_facilitator',
    })),
    attendance: view.attendance.status,
    certificatesSent:
      view.attendance.status !== 'pending' &&
      view.certificates.every((certificate) => certificate.sentAt !== null),
    billing:
      funding.billing && funding.request
        ? { ...funding.billing, funder: funding.request.kind, ...agreementOf(funding.decision) }
        : null,
  };
}
