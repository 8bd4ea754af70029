import { describe, expect, it } from 'vitest';
import type { FundingRequest } from '../../../workflows/messages/funding.ts';
import { DEFAULT_SESSION_POLICY } from '../../../workflows/policy.ts';
import { CURRENT_SESSION } from '../../../workflows/session/features.ts';
import { LiveSession } from '../../../workflows/session/live-session.ts';
import { fundingWorkflowInput, proposalEmail, proposalNumber } from '../../../workflows/session/proposal.ts';
import { session } from '../support/mission-fixture.ts';

const mission = {
  missionId: 'abcdef12-3456',
  title: 'Ateliers',
  clientName: 'Acme',
  sector: 'company' as const,
  coordinator: { id: 'coordinator-1', name: 'Alex', email: 'alex@example.org' },
  unitPriceCents: 90_000,
};
const view = new LiveSession(
  mission,
  session({ sessionId: 'beef-0001', language: 'en' }),
  DEFAULT_SESSION_POLICY,
  CURRENT_SESSION,
).view();

const person = (kind: FundingRequest['kind']): FundingRequest => ({
  kind,
  client: {
    type: 'individual',
    firstName: 'Ana',
    lastName: 'Lopez',
    email: 'ana@example.org',
    phone: '0600000000',
    franceTravailId: null,
    agencyLocality: null,
  },
  expenses: [],
});
const proposal = { number: 'ABCDEF12-BEEF-1', version: 1, totalCents: 90_000, documentIds: ['q', 'p'] };

describe('a session proposal', () => {
  it('is numbered by mission, session and version', () => {
    expect(proposalNumber(view, 2)).toBe('ABCDEF12-BEEF-2');
  });

  it('goes to the funded person in the session language with its documents and the decision link', () => {
    const email = proposalEmail(mission, view, person('cpf'), { ...proposal, perBuyer: true });
    expect(email).toMatchObject({
      template: 'fundingProposal',
      to: { name: 'Ana Lopez', email: 'ana@example.org' },
      language: 'en',
      idempotencyKey: 'beef-0001:proposal-1',
      attachments: [{ documentId: 'q' }, { documentId: 'p' }],
      data: { buyer: 'individual', funder: 'cpf', totalCents: 90_000 },
      link: { purpose: 'fundingDecision', subjectId: 'beef-0001', expiresAt: view.startsAt },
    });
  });

  it('asks no decision of a client paying itself', () => {
    expect(
      proposalEmail(mission, view, person('client'), { ...proposal, perBuyer: true }).link,
    ).toBeUndefined();
  });

  it('is in French and names no buyer for sessions started before proposals followed the buyer', () => {
    const email = proposalEmail(mission, view, person('cpf'), { ...proposal, perBuyer: false });
    expect(email.language).toBe('fr');
    expect(email.data).not.toHaveProperty('buyer');
  });

  it('starts the funding workflow with the session date, total, contact and reminder days', () => {
    expect(fundingWorkflowInput(mission, view, person('cpf'), 90_000, DEFAULT_SESSION_POLICY)).toMatchObject({
      missionId: 'abcdef12-3456',
      sessionId: 'beef-0001',
      startsAt: view.startsAt,
      totalCents: 90_000,
      clientContact: { name: 'Ana Lopez', email: 'ana@example.org' },
      policy: { reminderDaysBefore: [21, 14], escalationDaysBefore: 7, noticeDaysBefore: 1 },
    });
  });
});
