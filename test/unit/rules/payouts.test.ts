import { describe, expect, it } from 'vitest';
import type { MissionSnapshot } from '../../../workflows/messages/mission.ts';
import { emptySettlement, type SessionFacts } from '../../../workflows/messages/payouts.ts';
import { businessMonth, firstDayOfNextMonth } from '../../../workflows/rules/calendar.ts';
import {
  checkRequestPayouts,
  checkWaiveSheet,
  payoutItems,
  payoutRequestOf,
  payoutWindow,
} from '../../../workflows/rules/payouts.ts';
import { coordinator, missionSnapshot, NOW, session, staff } from '../support/mission-fixture.ts';

const facts = (sessionId: string, overrides: Partial<SessionFacts> = {}): SessionFacts => ({
  sessionId,
  facilitators: [
    { facilitatorId: 'lea', name: 'Léa', email: 'lea@example.org', status: 'paid', role: 'lead' },
    {
      facilitatorId: 'tom',
      name: 'Tom',
      email: 'tom@example.org',
      status: 'internal',
      role: 'co_facilitator',
    },
  ],
  attendance: 'compliant',
  certificatesSent: true,
  billing: null,
  ...overrides,
});

function mission(
  sessions: {
    id: string;
    status: 'planned' | 'running' | 'ended' | 'cancelled';
    facts?: Partial<SessionFacts>;
  }[],
  overrides: Partial<MissionSnapshot> = {},
): MissionSnapshot {
  return missionSnapshot({
    sessions: sessions.map(({ id, status }) => session({ sessionId: id, status })),
    settlement: {
      ...emptySettlement(),
      sessionFacts: sessions.map(({ id, facts: overrides }) => facts(id, overrides)),
    },
    ...overrides,
  });
}

describe('payoutItems', () => {
  it('lists paid facilitators only, eligible once the session ended with a compliant sheet', () => {
    const items = payoutItems(mission([{ id: 's1', status: 'ended' }]));
    expect(items).toEqual([
      expect.objectContaining({ sessionId: 's1', facilitatorId: 'lea', status: 'eligible', holdReasons: [] }),
    ]);
  });

  it('says why an item is held back', () => {
    const items = payoutItems(
      mission([
        { id: 'running', status: 'running' },
        { id: 'pending', status: 'ended', facts: { attendance: 'pending' } },
        { id: 'uploaded', status: 'ended', facts: { attendance: 'sheet_uploaded' } },
        { id: 'refused', status: 'ended', facts: { attendance: 'non_compliant' } },
        { id: 'gone', status: 'cancelled' },
      ]),
    );
    expect(items.map((item) => [item.sessionId, item.status, ...item.holdReasons])).toEqual([
      ['running', 'not_eligible', 'SESSION_NOT_ENDED'],
      ['pending', 'not_eligible', 'ATTENDANCE_NOT_RECORDED'],
      ['uploaded', 'not_eligible', 'SHEET_NOT_CONFIRMED'],
      ['refused', 'not_eligible', 'SHEET_NON_COMPLIANT'],
    ]);
  });

  it('holds a proven session whose documents disagree, after what attendance still needs', () => {
    const items = payoutItems(
      mission([
        { id: 'held', status: 'ended', facts: { auditHold: true } },
        { id: 'uploaded', status: 'ended', facts: { attendance: 'sheet_uploaded', auditHold: true } },
      ]),
    );
    expect(items.map((item) => [item.sessionId, item.status, ...item.holdReasons])).toEqual([
      ['held', 'not_eligible', 'AUDIT_MISMATCH'],
      ['uploaded', 'not_eligible', 'SHEET_NOT_CONFIRMED'],
    ]);
  });

  it('lets a staff waiver stand in for a compliant sheet, not for recorded attendance', () => {
    const base = mission([
      { id: 'refused', status: 'ended', facts: { attendance: 'non_compliant' } },
      { id: 'pending', status: 'ended', facts: { attendance: 'pending' } },
    ]);
    base.settlement.sheetWaivers = ['refused', 'pending'].map((sessionId) => ({
      sessionId,
      reason: 'originaux reçus',
      waivedBy: staff,
      waivedAt: NOW.toISOString(),
    }));
    expect(payoutItems(base).map((item) => [item.sessionId, item.status])).toEqual([
      ['refused', 'eligible'],
      ['pending', 'not_eligible'],
    ]);
  });

  it('has no items on a client introduction', () => {
    expect(
      payoutItems(mission([{ id: 's1', status: 'ended' }], { dealType: 'client_introduction' })),
    ).toEqual([]);
  });
});

describe('payout requests', () => {
  it('groups every eligible item into one payout per provider and marks them requested', () => {
    const base = mission([
      { id: 's1', status: 'ended' },
      { id: 's2', status: 'ended' },
      { id: 's3', status: 'ended', facts: { attendance: 'pending' } },
    ]);
    const ids = ['payout-1', 'payout-2'];
    const request = payoutRequestOf(base, 'r1', coordinator, NOW, () => ids.shift() ?? 'none');
    expect(request.month).toBe('2027-01');
    expect(request.payouts).toEqual([
      expect.objectContaining({
        payoutId: 'payout-1',
        providerId: 'lea',
        lines: [
          expect.objectContaining({ sessionId: 's1', role: 'lead' }),
          expect.objectContaining({ sessionId: 's2' }),
        ],
      }),
    ]);
    base.settlement.requests.push(request);
    expect(payoutItems(base).map((item) => [item.sessionId, item.status, item.payoutId])).toEqual([
      ['s1', 'requested', 'payout-1'],
      ['s2', 'requested', 'payout-1'],
      ['s3', 'not_eligible', null],
    ]);
  });

  it('refuses a second request in the same Paris month and says when the next window opens', () => {
    const base = mission([{ id: 's1', status: 'ended' }]);
    // 23:30 UTC on 31 January is already February in Paris.
    const lateJanuary = new Date('2027-01-31T23:30:00Z');
    base.settlement.requests.push(
      payoutRequestOf(base, 'r1', coordinator, new Date('2027-01-05T10:00:00Z'), () => 'p1'),
    );
    expect(payoutWindow(base, new Date('2027-01-31T22:00:00Z'))).toEqual({
      open: false,
      lastRequestedOn: '2027-01-05',
      nextOpensOn: '2027-02-01',
    });
    expect(payoutWindow(base, lateJanuary)).toEqual({ open: true });
    const refused = checkRequestPayouts(base, coordinator, new Date('2027-01-20T10:00:00Z'));
    expect(refused).toMatchObject({
      code: 'PAYOUT_WINDOW_CLOSED',
      kind: 'conflict',
      extensions: { nextWindowOpensOn: '2027-02-01' },
    });
    expect(refused?.message).toContain('The next window opens on 01/02/2027');
  });

  it('refuses a request with nothing eligible, saying why', () => {
    expect(
      checkRequestPayouts(
        mission([{ id: 's1', status: 'ended', facts: { attendance: 'pending' } }]),
        coordinator,
        NOW,
      )?.message,
    ).toBe('Nothing can be requested yet: 1 waits for attendance to be recorded.');
    expect(checkRequestPayouts(mission([]), coordinator, NOW)?.code).toBe('NOTHING_TO_REQUEST');
  });

  it('refuses requests on client introductions, closed missions, and from facilitators', () => {
    const ended = [{ id: 's1', status: 'ended' as const }];
    expect(
      checkRequestPayouts(mission(ended, { dealType: 'client_introduction' }), coordinator, NOW)?.code,
    ).toBe('NO_PAYOUTS_FOR_CLIENT_INTRODUCTION');
    expect(checkRequestPayouts(mission(ended, { status: 'closed' }), coordinator, NOW)?.code).toBe(
      'MISSION_CLOSED',
    );
    expect(checkRequestPayouts(mission(ended), { subject: 'lea', role: 'facilitator' }, NOW)?.kind).toBe(
      'forbidden',
    );
    expect(checkRequestPayouts(mission(ended), coordinator, NOW)).toBeNull();
  });

  it('rolls months over at the year end', () => {
    expect(firstDayOfNextMonth('2026-12')).toBe('2027-01-01');
    expect(businessMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
  });
});

describe('checkWaiveSheet', () => {
  const command = (sessionId: string) => ({ actor: staff, sessionId, reason: 'originaux reçus' });

  it('waives a recorded, non-compliant sheet, for staff only and with a reason', () => {
    const base = mission([{ id: 's1', status: 'ended', facts: { attendance: 'non_compliant' } }]);
    expect(checkWaiveSheet(base, command('s1'))).toBeNull();
    expect(checkWaiveSheet(base, { ...command('s1'), actor: coordinator })?.code).toBe('STAFF_ONLY');
    expect(checkWaiveSheet(base, { ...command('s1'), reason: ' ' })?.code).toBe('REASON_REQUIRED');
    expect(checkWaiveSheet(base, command('nope'))?.code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses to waive what needs no waiver, or attendance that was never recorded', () => {
    expect(checkWaiveSheet(mission([{ id: 's1', status: 'ended' }]), command('s1'))?.code).toBe(
      'SHEET_ALREADY_COMPLIANT',
    );
    expect(
      checkWaiveSheet(
        mission([{ id: 's1', status: 'ended', facts: { attendance: 'pending' } }]),
        command('s1'),
      )?.code,
    ).toBe('ATTENDANCE_NOT_RECORDED');
  });
});
