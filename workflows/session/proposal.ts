import type { EmailRequest } from '../messages/email.ts';
import type { FundingRequest, FundingWorkflowInput } from '../messages/funding.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import type { SessionPolicy } from '../policy.ts';
import { clientContact } from '../rules/funding.ts';
import { sessionEmailData } from './emails.ts';

/** The proposal's number: the mission's and session's prefixes and the proposal's version. */
export function proposalNumber(view: Pick<SessionView, 'missionId' | 'sessionId'>, version: number): string {
  return `${view.missionId.slice(0, 8).toUpperCase()}-${view.sessionId.slice(0, 4).toUpperCase()}-${version}`;
}

/**
 * The proposal to the client's contact with its documents attached; a funder's proposal carries
 * the link to record the decision. `perBuyer`: sessions started before proposals followed the
 * buyer wrote every one in French and did not say who buys.
 */
export function proposalEmail(
  mission: SessionMissionContext,
  view: SessionView,
  request: FundingRequest,
  proposal: { number: string; version: number; totalCents: number; documentIds: string[]; perBuyer: boolean },
): EmailRequest {
  const contact = clientContact(request.client);
  return {
    template: 'fundingProposal',
    to: contact,
    // A company's contact reads French paperwork; a person reads the session's language.
    language: proposal.perBuyer && request.client.type !== 'company' ? view.language : 'fr',
    idempotencyKey: `${view.sessionId}:proposal-${proposal.version}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      contactName: contact.name,
      funder: request.kind,
      totalCents: proposal.totalCents,
      proposalNumber: proposal.number,
      ...(proposal.perBuyer ? { buyer: request.client.type } : {}),
    },
    attachments: proposal.documentIds.map((documentId) => ({ documentId })),
    ...(request.kind === 'client'
      ? {}
      : {
          link: {
            purpose: 'fundingDecision' as const,
            subjectId: view.sessionId,
            sessionId: view.sessionId,
            expiresAt: view.startsAt,
          },
        }),
  };
}

/** What the funding decision workflow starts with: the session, its total and the reminders' days. */
export function fundingWorkflowInput(
  mission: SessionMissionContext,
  view: SessionView,
  request: FundingRequest,
  totalCents: number,
  policy: SessionPolicy,
): FundingWorkflowInput {
  return {
    missionId: mission.missionId,
    sessionId: view.sessionId,
    startsAt: view.startsAt,
    totalCents,
    clientContact: clientContact(request.client),
    session: sessionEmailData(mission, view),
    coordinator: { name: mission.coordinator.name, email: mission.coordinator.email },
    policy: {
      reminderDaysBefore: policy.fundingReminderDaysBefore,
      escalationDaysBefore: policy.fundingEscalationDaysBefore,
      noticeDaysBefore: policy.fundingNoticeDaysBefore,
    },
  };
}
