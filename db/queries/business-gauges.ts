/** What staff must not miss, counted over the read model in one round trip for the metrics scrape. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

const gaugesRow = z.object({
  missionsByStatus: z.record(z.string(), z.number().int()),
  attendanceOverdue24h: z.number().int(),
  attendanceOverdue72h: z.number().int(),
  fundingAwaitedWithin7Days: z.number().int(),
  fundingAwaitedLater: z.number().int(),
  payoutsAwaitingInvoice: z.number().int(),
  oldestInvoiceWaitSeconds: z.number(),
  stuckActivities: z.number().int(),
  oldestStuckSeconds: z.number(),
});
export type BusinessGauges = z.infer<typeof gaugesRow>;

/**
 * Attendance is overdue as the session workflow sees it (still `pending` after the end: no
 * countersigned signatures, no recorded presence), so the gauge and the reminder e-mails agree.
 * Ages are 0 when nothing waits, so an alert on them needs no `absent()`.
 */
export async function readBusinessGauges(db: CommonQueryMethods): Promise<BusinessGauges> {
  return db.one(sql.type(gaugesRow)`
    select
      (select coalesce(jsonb_object_agg(status, count), '{}'::jsonb)
         from (select status, count(*)::int as count from missions group by status) as by_status
      ) as "missionsByStatus",
      count(*) filter (where attendance_due and s.ends_at < now() - interval '24 hours')::int as "attendanceOverdue24h",
      count(*) filter (where attendance_due and s.ends_at < now() - interval '72 hours')::int as "attendanceOverdue72h",
      count(*) filter (where funding_awaited and s.starts_at <= now() + interval '7 days')::int as "fundingAwaitedWithin7Days",
      count(*) filter (where funding_awaited and s.starts_at > now() + interval '7 days')::int as "fundingAwaitedLater",
      (select count(*)::int from provider_payouts where status = 'awaiting_invoice') as "payoutsAwaitingInvoice",
      (select coalesce(extract(epoch from now() - min(coalesce(invoice_requested_at, requested_at))), 0)::float8
         from provider_payouts where status = 'awaiting_invoice') as "oldestInvoiceWaitSeconds",
      (select count(*)::int from stuck_activities) as "stuckActivities",
      (select coalesce(extract(epoch from now() - min(first_failed_at)), 0)::float8 from stuck_activities)
        as "oldestStuckSeconds"
    from sessions as s
    left join session_staffing as ss on ss.session_id = s.id
    cross join lateral (select
      s.status <> 'cancelled' and coalesce(ss.attendance ->> 'status', 'pending') = 'pending' as attendance_due,
      s.kind = 'training' and s.status <> 'cancelled' and ss.funding ->> 'status' = 'awaiting_decision' as funding_awaited
    ) as flags`);
}
