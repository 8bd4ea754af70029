import { describe, expect, it } from 'vitest';
import type { MissionSnapshot } from '../../../workflows/messages/mission.ts';
import { emptySettlement, type SessionFacts } from '../../../workflows/messages/payouts.ts';
import { DEFAULT_MISSION_POLICY } from '../../../workflows/policy.ts';
import {
  checkCloseMission,
  checkDeclareUsageRights,
  clientInvoiceSummary,
  closesAutomatically,
  closureChecklist,
  closureReminderAt,
  coordinationLines,
  usageRightsToRequest,
} from '../../../workflows/rules/closure.ts';
import { payoutItems, payoutRequestOf } from '../../../workflows/rules/payouts.ts';
import { coordinator, missionSnapshot, NOW, orderLine, session, staff } from '../support/mission-fixture.ts';

const facts = (sessionId: string, overrides: Partial<SessionFacts> = {}): SessionFacts => ({
  sessionId,
  facilitators: [
    { facilitatorId: 'lea', name: 'Léa', email: 'lea@example.org', status: 'paid', role: 'lead' },
  ],
  attendance: 'compliant',
  certificatesSent: true,
  billing: null,
  ...overrides,
});

/** Derived fields as MissionState keeps them. */
function derive(mission: MissionSnapshot): MissionSnapshot {
  mission.settlement.items = payoutItems(mission);
  mission.settlement.checklist = closureChecklist(mission);
  return mission;
}

function twoEndedSessions(overrides: Partial<MissionSnapshot> = {}): MissionSnapshot {
  return derive(
    missionSnapshot({
      sessions: [
        session({ sessionId: 's1', status: 'ended', endsAt: '2027-03-02T11:00:00.000Z' }),
        session({
          sessionId: 's2',
          status: 'ended',
          startsAt: '2027-03-09T08:00:00.000Z',
          endsAt: '2027-03-09T11:00:00.000Z',
        }),
      ],
      settlement: { ...emptySettlement(), sessionFacts: [facts('s1'), facts('s2')] },
      ...overrides,
    }),
  );
}

const requestAll = (mission: MissionSnapshot) => {
  mission.settlement.requests.push(payoutRequestOf(mission, 'r1', coordinator, NOW, () => 'p1'));
  return derive(mission);
};

describe('closure', () => {
  it('blocks on unrequested payouts, then closes by itself once they are requested', () => {
    const mission = twoEndedSessions();
    expect(closesAutomatically(mission)).toBe(false);
    expect(checkCloseMission(mission, { actor: coordinator })).toMatchObject({
      code: 'CLOSURE_INCOMPLETE',
      message: 'The mission cannot close yet: 2 payout(s) not requested.',
    });
    requestAll(mission);
    expect(closesAutomatically(mission)).toBe(true);
    expect(checkCloseMission(mission, { actor: coordinator })).toBeNull();
  });

  it('waits for every session to end and report, and for at least one session', () => {
    const running = twoEndedSessions();
    running.sessions[1] = {
      ...(running.sessions[1] as MissionSnapshot['sessions'][number]),
      status: 'running',
    };
    expect(closureChecklist(running).find((item) => item.item === 'sessions_ended')?.missing).toEqual([
      '« Fresque du climat » (09/03/2027) has not ended',
    ]);
    const unreported = twoEndedSessions();
    unreported.settlement.sessionFacts = [facts('s1')];
    expect(closureChecklist(unreported).find((item) => item.item === 'sessions_ended')?.done).toBe(false);
    expect(closesAutomatically(derive(missionSnapshot()))).toBe(false);
  });

  it('lets the coordinator declare closure with part of the order unused, but never closes so by itself', () => {
    const mission = requestAll(twoEndedSessions({ orderLines: [orderLine({ quantity: 3 })] }));
    expect(closesAutomatically(mission)).toBe(false);
    expect(checkCloseMission(mission, { actor: coordinator })).toBeNull();
  });

  it('reports sheets and certificates without blocking', () => {
    const mission = twoEndedSessions();
    mission.settlement.sessionFacts = [facts('s1', { certificatesSent: false }), facts('s2')];
    const checklist = closureChecklist(mission);
    expect(checklist.find((item) => item.item === 'certificates_sent')).toMatchObject({
      done: false,
      blocking: false,
    });
  });

  it('reminds the coordinator 14 days after the last session, at 09:00 Paris, once', () => {
    const mission = twoEndedSessions();
    expect(closureReminderAt(mission, DEFAULT_MISSION_POLICY)?.toISOString()).toBe(
      '2027-03-23T08:00:00.000Z',
    );
    mission.settlement.closureReminderSent = true;
    expect(closureReminderAt(mission, DEFAULT_MISSION_POLICY)).toBeNull();
    expect(closureReminderAt(requestAll(twoEndedSessions()), DEFAULT_MISSION_POLICY)).toBeNull();
  });

  it('pays the coordinator one coordination line per session delivered, none on a client introduction', () => {
    expect(coordinationLines(twoEndedSessions()).map((line) => [line.sessionId, line.role])).toEqual([
      ['s1', 'coordination'],
      ['s2', 'coordination'],
    ]);
    expect(coordinationLines(twoEndedSessions({ dealType: 'client_introduction' }))).toEqual([]);
  });

  it('splits what the client is invoiced between funders and the client', () => {
    const mission = twoEndedSessions();
    mission.settlement.sessionFacts = [
      facts('s1', {
        billing: { totalCents: 120_000, fundedCents: 100_000, clientCents: 20_000, funder: 'opco' },
      }),
      facts('s2'),
    ];
    expect(clientInvoiceSummary(mission)).toMatchObject({ fundedCents: 100_000, clientCents: 140_000 });
  });

  it("names each session's funder and the agreement number billing quotes", () => {
    const mission = twoEndedSessions();
    mission.settlement.sessionFacts = [
      facts('s1', {
        billing: {
          totalCents: 120_000,
          fundedCents: 120_000,
          clientCents: 0,
          funder: 'opco',
          agreementNumber: 'PEC-2027/0042',
        },
      }),
      facts('s2'),
    ];
    expect(
      clientInvoiceSummary(mission).sessions.map(({ funder, agreementNumber }) => [funder, agreementNumber]),
    ).toEqual([
      ['opco', 'PEC-2027/0042'],
      [null, null],
    ]);
  });
});

describe('usage rights (client introductions)', () => {
  const introduction = () => twoEndedSessions({ dealType: 'client_introduction' });
  const declaration = {
    actor: { subject: 'lea', role: 'facilitator' as const },
    facilitatorId: 'lea',
    revenueCents: 150_000,
    participants: 12,
  };

  it('asks each facilitator once every session has ended, and blocks closure until they declare', () => {
    const mission = introduction();
    expect(usageRightsToRequest(mission).map((facilitator) => facilitator.facilitatorId)).toEqual(['lea']);
    expect(closesAutomatically(mission)).toBe(false);
    expect(checkDeclareUsageRights(mission, declaration)).toBeNull();
    mission.settlement.usageRights.push({
      ...declaration,
      declaredBy: declaration.actor,
      declaredAt: NOW.toISOString(),
    });
    expect(closesAutomatically(derive(mission))).toBe(true);
    expect(checkDeclareUsageRights(mission, declaration)?.code).toBe('USAGE_RIGHTS_ALREADY_DECLARED');
  });

  it('refuses declarations for someone else, from non-participants, or on subcontracting', () => {
    expect(checkDeclareUsageRights(introduction(), { ...declaration, facilitatorId: 'tom' })?.code).toBe(
      'NOT_YOUR_DECLARATION',
    );
    expect(
      checkDeclareUsageRights(introduction(), { ...declaration, actor: staff, facilitatorId: 'tom' })?.code,
    ).toBe('NOT_A_PARTICIPANT');
    expect(checkDeclareUsageRights(twoEndedSessions(), declaration)?.code).toBe(
      'USAGE_RIGHTS_NOT_APPLICABLE',
    );
  });
});
