/**
 * Funding rules: which client goes with which funder, when the client is reminded, and what the
 * client is billed once the funder has decided (or stayed silent).
 */
import type { FundingDecision, FundingRequest, FundingState } from '../messages/funding.ts';
import { conflict, invalid, type Violation } from './violation.ts';

const CLIENT_OF_FUNDER: Record<FundingRequest['kind'], FundingRequest['client']['type'][]> = {
  opco: ['company'],
  cpf: ['individual'],
  france_travail: ['individual'],
  fifpl: ['independent'],
  agefice: ['independent'],
  client: ['company', 'individual', 'independent'],
};

export function checkFundingRequest(request: FundingRequest): Violation | null {
  if (!CLIENT_OF_FUNDER[request.kind].includes(request.client.type)) {
    return invalid(
      'FUNDING_CLIENT_MISMATCH',
      `A ${request.kind} funding is for a ${CLIENT_OF_FUNDER[request.kind].join(' or ')} client.`,
    );
  }
  if (
    request.kind === 'france_travail' &&
    request.client.type === 'individual' &&
    (!request.client.franceTravailId || !request.client.agencyLocality)
  ) {
    return invalid(
      'FRANCE_TRAVAIL_IDS_REQUIRED',
      "France Travail funding needs the person's identifier and their agency's locality.",
    );
  }
  return null;
}

export function checkSetFunding(
  session: { kind: string; status: string; startsAt: string },
  funding: FundingState,
  now: Date,
): Violation | null {
  if (session.kind !== 'training')
    return conflict('FUNDING_ONLY_FOR_TRAININGS', 'Funders take over trainings, not workshops.');
  if (session.status !== 'planned' || Date.parse(session.startsAt) <= now.getTime()) {
    return conflict('SESSION_ALREADY_STARTED', 'This session has started: its funding can no longer change.');
  }
  if (funding.status !== null && funding.status !== 'proposal_pending') {
    return conflict(
      'FUNDING_PROPOSAL_SENT',
      'The proposal has gone to the client: its funding can no longer change.',
    );
  }
  return null;
}

export function checkSendProposal(
  session: { status: string; startsAt: string },
  funding: FundingState,
  now: Date,
): Violation | null {
  if (!funding.request)
    return conflict('FUNDING_NOT_SET', "Say who funds the training and the client's details first.");
  if (session.status !== 'planned' || Date.parse(session.startsAt) <= now.getTime()) {
    return conflict('SESSION_ALREADY_STARTED', 'This session has started.');
  }
  // Sent again (a new version) only while the funder has not decided; never after silence or a decision.
  if (funding.status !== 'proposal_pending' && funding.status !== 'awaiting_decision') {
    return conflict(
      'FUNDING_ALREADY_DECIDED',
      'The funder has already decided, or the training is billed to the client.',
    );
  }
  return null;
}

/**
 * A funder's agreement number ("numéro de prise en charge") as funders write them: letters,
 * digits, '-', '/', '.' and inner spaces, 1 to 50 characters once trimmed. The API's schema
 * allows the spaces around it that a pasted number brings, and trims them. Letters are spelled
 * as ranges (Latin-1 accents included), not \p{L}: the OpenAPI document's consumers (the fuzzer's
 * Python regex among them) do not all read Unicode classes.
 */
export const AGREEMENT_NUMBER_PATTERN = `^ *[A-Za-z0-9À-ÖØ-öø-ÿ./-](?:[A-Za-z0-9À-ÖØ-öø-ÿ ./-]{0,48}[A-Za-z0-9À-ÖØ-öø-ÿ./-])? *$`;
const agreementNumber = new RegExp(AGREEMENT_NUMBER_PATTERN, 'u');

/** The decision as it is recorded: the agreement number trimmed. */
export function normaliseDecision(decision: FundingDecision): FundingDecision {
  if (decision.outcome === 'refused' || decision.agreementNumber === undefined) return decision;
  return { ...decision, agreementNumber: decision.agreementNumber.trim() };
}

function checkAgreementNumber(decision: FundingDecision): Violation | null {
  const number = (decision as { agreementNumber?: unknown }).agreementNumber;
  if (number === undefined) return null;
  if (decision.outcome === 'refused')
    return invalid('AGREEMENT_NUMBER_WITH_REFUSAL', 'A refusal has no agreement number (agreementNumber).');
  if (typeof number !== 'string' || !agreementNumber.test(number) || number !== number.trim())
    return invalid(
      'AGREEMENT_NUMBER_INVALID',
      "The agreement number (agreementNumber) has 1 to 50 letters, digits, '-', '/', '.' or spaces.",
    );
  return null;
}

export function checkDecision(
  decided: boolean,
  withdrawn: boolean,
  decision: FundingDecision,
  totalCents: number,
): Violation | null {
  if (withdrawn)
    return conflict('FUNDING_CLOSED', 'This training was cancelled: no decision is expected any more.');
  if (decided) return conflict('FUNDING_ALREADY_DECIDED', 'The funder has already decided.');
  const number = checkAgreementNumber(decision);
  if (number) return number;
  if (decision.outcome === 'partial' && (decision.amountCents <= 0 || decision.amountCents >= totalCents)) {
    return invalid(
      'FUNDING_AMOUNT_INVALID',
      `A partial funding covers more than 0 and less than the total (${totalCents / 100} €).`,
    );
  }
  return null;
}

export function checkKeepAfterRefusal(funding: FundingState): Violation | null {
  return funding.status === 'refused'
    ? null
    : conflict('FUNDING_NOT_REFUSED', 'Only a refused funding asks whether to keep the session.');
}

/** Full: the funder pays all; partial: the client pays the rest; refused or silent: the client pays all. */
export function billingOf(decision: FundingDecision | null, totalCents: number) {
  const fundedCents =
    decision?.outcome === 'full' ? totalCents : decision?.outcome === 'partial' ? decision.amountCents : 0;
  return { totalCents, fundedCents, clientCents: totalCents - fundedCents };
}

export const statusOf = (decision: FundingDecision | null) =>
  decision === null
    ? ('no_decision' as const)
    : decision.outcome === 'full'
      ? ('funded' as const)
      : decision.outcome === 'partial'
        ? ('partially_funded' as const)
        : ('refused' as const);

const DAY = 24 * 3600_000;

/** Reminders to the client 21 and 14 days before, escalation to staff at 7, last notice the day before. */
export function fundingSteps(
  startsAt: string,
  policy: { reminderDaysBefore: number[]; escalationDaysBefore: number; noticeDaysBefore: number },
) {
  const start = Date.parse(startsAt);
  return [
    ...policy.reminderDaysBefore.map((days) => ({ step: 'reminder' as const, at: start - days * DAY, days })),
    {
      step: 'escalation' as const,
      at: start - policy.escalationDaysBefore * DAY,
      days: policy.escalationDaysBefore,
    },
    { step: 'notice' as const, at: start - policy.noticeDaysBefore * DAY, days: policy.noticeDaysBefore },
  ].sort((a, b) => a.at - b.at);
}

/** Who receives the proposal: the company's contact, or the person themself. */
export function clientContact(client: FundingRequest['client']): { name: string; email: string } {
  return client.type === 'company'
    ? { name: client.trainingContactName ?? client.managerName, email: client.contactEmail }
    : { name: `${client.firstName} ${client.lastName}`, email: client.email };
}
