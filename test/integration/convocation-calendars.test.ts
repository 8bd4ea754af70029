/**
 * The calendar files a person was sent for a session (Postgres): each e-mail's file numbered
 * after those before it, the days they held by rank at their latest times, and a retried e-mail
 * answered exactly as its first attempt was, so it builds the same bytes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabasePool } from '../../db/pool.ts';
import { recordCalendar } from '../../db/queries/convocation-calendars.ts';
import { testPool } from '../support/database.ts';

const day = (rank: number, date: string) => ({
  rank,
  startsAt: `${date}T08:00:00.000Z`,
  endsAt: `${date}T16:00:00.000Z`,
});

describe('convocation calendars (Postgres)', () => {
  let pool: DatabasePool;

  beforeAll(async () => {
    pool = await testPool();
  });
  afterAll(async () => pool?.end());

  it('numbers each file after the earlier ones and keeps each day rank at its latest times', async () => {
    const sessionId = randomUUID();
    const recipient = `p-${sessionId.slice(0, 8)}@example.org`;
    const send = (key: string, days: ReturnType<typeof day>[]) =>
      recordCalendar(pool, { idempotencyKey: `${sessionId}:${key}`, sessionId, recipient, days });

    const first = await send('convocation:a', [
      day(1, '2027-03-01'),
      day(2, '2027-03-02'),
      day(3, '2027-03-03'),
    ]);
    expect([first.sequence, first.days]).toEqual([0, []]);
    expect(first.stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // Moved onto two days: the third day is still known, at its last times, for the file to cancel.
    const moved = await send('convocation:b', [day(1, '2027-04-12'), day(2, '2027-04-13')]);
    expect(moved.sequence).toBe(1);
    expect(moved.days).toEqual([day(1, '2027-03-01'), day(2, '2027-03-02'), day(3, '2027-03-03')]);

    // Someone else's files for the same session count for them, not for this person.
    await recordCalendar(pool, {
      idempotencyKey: `${sessionId}:other`,
      sessionId,
      recipient: 'other@example.org',
      days: [day(1, '2027-05-01')],
    });
    const cancelled = await send('cancelled', []);
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.days).toEqual([day(1, '2027-04-12'), day(2, '2027-04-13'), day(3, '2027-03-03')]);

    // A retried e-mail finds its own row: the same answer, so the same file.
    expect(await send('convocation:b', [day(1, '2027-04-12'), day(2, '2027-04-13')])).toEqual(moved);
  });
});
