/** The calendar files sent to a person for a session (convocation_calendars). */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

const daySpan = z.object({ rank: z.number().int(), startsAt: z.string(), endsAt: z.string() });
export type CalendarDay = z.infer<typeof daySpan>;

export interface CalendarHistory {
  /** When this e-mail's file was first recorded: its DTSTAMP, the same on every retry. */
  stamp: string;
  /** How many files this person had for the session before this e-mail's. */
  sequence: number;
  /** Each day rank those files held, at its latest start and end. */
  days: CalendarDay[];
}

/**
 * Records this e-mail's file (once: a retry finds its own row and skips it) and answers what the
 * files before it held, oldest first, so a retry builds the very same file.
 */
export async function recordCalendar(
  db: CommonQueryMethods,
  entry: { idempotencyKey: string; sessionId: string; recipient: string; days: CalendarDay[] },
): Promise<CalendarHistory> {
  await db.query(sql.unsafe`
    insert into convocation_calendars (idempotency_key, session_id, recipient, days)
    values (${entry.idempotencyKey}, ${entry.sessionId}, ${entry.recipient}, ${sql.jsonb(entry.days)})
    on conflict (idempotency_key) do nothing`);
  const stamp = await db.oneFirst(sql.type(z.object({ stamp: z.string() }))`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as stamp
    from convocation_calendars where idempotency_key = ${entry.idempotencyKey}`);
  const earlier = await db.any(sql.type(z.object({ days: z.array(daySpan) }))`
    select days from convocation_calendars
    where session_id = ${entry.sessionId} and recipient = ${entry.recipient}
      and created_at < (select created_at from convocation_calendars where idempotency_key = ${entry.idempotencyKey})
    order by created_at, idempotency_key`);
  const byRank = new Map<number, CalendarDay>();
  for (const { days } of earlier) for (const day of days) byRank.set(day.rank, day);
  return { stamp, sequence: earlier.length, days: [...byRank.values()].sort((a, b) => a.rank - b.rank) };
}
