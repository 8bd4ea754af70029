import { describe, expect, it } from 'vitest';
import { checkMissionOrder } from '../../../workflows/rules/order.ts';
import { missionOrder, NOW, orderLine } from '../support/mission-fixture.ts';

describe('checkMissionOrder', () => {
  it('accepts an order with one line per kind and an end date months ahead', () => {
    expect(checkMissionOrder(missionOrder(), NOW)).toEqual([]);
  });

  it('accepts an order with a workshop line and a training line', () => {
    const order = missionOrder({ orderLines: [orderLine(), orderLine({ kind: 'training', quantity: 1 })] });
    expect(checkMissionOrder(order, NOW)).toEqual([]);
  });

  it('refuses two lines for the same kind, naming the kind', () => {
    const order = missionOrder({ orderLines: [orderLine({ quantity: 1 }), orderLine({ quantity: 3 })] });
    expect(checkMissionOrder(order, NOW)).toEqual([
      {
        code: 'ORDER_LINE_DUPLICATE_KIND',
        kind: 'invalid',
        message: expect.stringContaining('more than one line for "workshop"'),
      },
    ]);
  });

  it('reports a kind repeated three times only once', () => {
    const order = missionOrder({ orderLines: [orderLine(), orderLine(), orderLine()] });
    expect(checkMissionOrder(order, NOW).map((violation) => violation.code)).toEqual([
      'ORDER_LINE_DUPLICATE_KIND',
    ]);
  });

  it('refuses an end date before today', () => {
    const violations = checkMissionOrder(missionOrder({ endDate: '2027-01-09' }), NOW);
    expect(violations).toEqual([
      {
        code: 'END_DATE_IN_PAST',
        kind: 'invalid',
        message: expect.stringContaining('2027-01-09 is before today (2027-01-10)'),
      },
    ]);
  });

  it('accepts an end date of today', () => {
    expect(checkMissionOrder(missionOrder({ endDate: '2027-01-10' }), NOW)).toEqual([]);
  });

  it('reads today in Paris: late on 10 January UTC it is already 11 January', () => {
    const lateEvening = new Date('2027-01-10T23:30:00Z');
    expect(
      checkMissionOrder(missionOrder({ endDate: '2027-01-10' }), lateEvening).map((v) => v.code),
    ).toEqual(['END_DATE_IN_PAST']);
  });

  it('reads today in Paris: early on 11 January Paris time it is still 10 January UTC', () => {
    const justAfterParisMidnight = new Date('2027-01-10T23:00:00Z');
    const violations = checkMissionOrder(missionOrder({ endDate: '2027-01-10' }), justAfterParisMidnight);
    expect(violations[0]?.message).toContain('before today (2027-01-11)');
  });

  it('reports every problem at once', () => {
    const order = missionOrder({ endDate: '2026-12-31', orderLines: [orderLine(), orderLine()] });
    expect(checkMissionOrder(order, NOW).map((violation) => violation.code)).toEqual([
      'ORDER_LINE_DUPLICATE_KIND',
      'END_DATE_IN_PAST',
    ]);
  });
});
