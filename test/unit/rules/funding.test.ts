import { describe, expect, it } from 'vitest';
import type { FundingDecision, FundingState } from '../../../workflows/messages/funding.ts';
import {
  billingOf,
  checkDecision,
  checkSendProposal,
  checkSetFunding,
  fundingSteps,
  normaliseDecision,
} from '../../../workflows/rules/funding.ts';

const training = { kind: 'training', status: 'planned', startsAt: '2027-03-01T08:00:00Z' };
const now = new Date('2027-01-10T10:00:00Z');
const state = (overrides: Partial<FundingState>): FundingState => ({
  request: null,
  status: null,
  proposal: null,
  decision: null,
  billing: null,
  keptAfterRefusal: false,
  ...overrides,
});

describe('funding rules', () => {
  it('schedules reminders at D-21 and D-14, escalation at D-7 and the notice the day before', () => {
    const steps = fundingSteps(training.startsAt, {
      reminderDaysBefore: [21, 14],
      escalationDaysBefore: 7,
      noticeDaysBefore: 1,
    });
    expect(steps.map((step) => [step.step, new Date(step.at).toISOString().slice(0, 10)])).toEqual([
      ['reminder', '2027-02-08'],
      ['reminder', '2027-02-15'],
      ['escalation', '2027-02-22'],
      ['notice', '2027-02-28'],
    ]);
  });

  it('bills the client the unfunded share, or everything after a refusal or silence', () => {
    expect(billingOf({ outcome: 'partial', amountCents: 200_000 }, 271_550)).toEqual({
      totalCents: 271_550,
      fundedCents: 200_000,
      clientCents: 71_550,
    });
    expect(billingOf({ outcome: 'refused' }, 271_550).clientCents).toBe(271_550);
    expect(billingOf(null, 271_550).clientCents).toBe(271_550);
  });

  it('freezes the request once the proposal has gone out', () => {
    expect(checkSetFunding(training, state({ status: 'proposal_pending' }), now)).toBeNull();
    expect(checkSetFunding(training, state({ status: 'awaiting_decision' }), now)?.code).toBe(
      'FUNDING_PROPOSAL_SENT',
    );
  });

  it('sends a proposal again only while the funder has not decided', () => {
    const request = {
      kind: 'cpf' as const,
      client: {
        type: 'individual' as const,
        firstName: 'L',
        lastName: 'R',
        email: 'l@example.org',
        phone: '0600000000',
        franceTravailId: null,
        agencyLocality: null,
      },
      expenses: [],
    };
    expect(checkSendProposal(training, state({ request, status: 'awaiting_decision' }), now)).toBeNull();
    expect(checkSendProposal(training, state({ request, status: 'no_decision' }), now)?.code).toBe(
      'FUNDING_ALREADY_DECIDED',
    );
  });

  it('refuses a second decision, a decision after cancellation and a partial amount out of bounds', () => {
    expect(checkDecision(true, false, { outcome: 'full' }, 100)?.code).toBe('FUNDING_ALREADY_DECIDED');
    expect(checkDecision(false, true, { outcome: 'full' }, 100)?.code).toBe('FUNDING_CLOSED');
    expect(checkDecision(false, false, { outcome: 'partial', amountCents: 100 }, 100)?.code).toBe(
      'FUNDING_AMOUNT_INVALID',
    );
  });

  it("takes a funder's agreement number with a full or partial decision, not with a refusal", () => {
    expect(
      checkDecision(false, false, { outcome: 'full', agreementNumber: 'PEC-2027/0042' }, 100),
    ).toBeNull();
    expect(
      checkDecision(
        false,
        false,
        { outcome: 'partial', amountCents: 50, agreementNumber: 'Accord 12.7 b' },
        100,
      ),
    ).toBeNull();
    const refused = { outcome: 'refused', agreementNumber: 'PEC-1' } as unknown as FundingDecision;
    expect(checkDecision(false, false, refused, 100)).toMatchObject({
      code: 'AGREEMENT_NUMBER_WITH_REFUSAL',
      message: expect.stringContaining('agreementNumber'),
    });
    for (const agreementNumber of ['', ' PEC', 'A'.repeat(51), 'PEC<1>', 'PEC\n1'])
      expect(checkDecision(false, false, { outcome: 'full', agreementNumber }, 100)?.code).toBe(
        'AGREEMENT_NUMBER_INVALID',
      );
    expect(checkDecision(false, false, { outcome: 'full', agreementNumber: 'A'.repeat(50) }, 100)).toBeNull();
  });

  it('records the agreement number trimmed', () => {
    expect(normaliseDecision({ outcome: 'full', agreementNumber: '  PEC 1 ' })).toEqual({
      outcome: 'full',
      agreementNumber: 'PEC 1',
    });
    expect(normaliseDecision({ outcome: 'refused' })).toEqual({ outcome: 'refused' });
  });
});
