/**
 * The facts the BPF adds up (reporting/bpf.ts), read from the read model in one round trip:
 * every training of the association's own missions (subcontracting: it holds the contract and
 * bills the client) that ended in the calendar year, French time, with its funding, its
 * certificates, the facilitators who took part and what they were paid for it.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import type { BpfSessionFacts } from '../../reporting/bpf.ts';
import { FACILITATOR_STATUSES, SECTORS } from '../../workflows/messages/domain.ts';
import { FUNDING_KINDS, FUNDING_STATUSES } from '../../workflows/messages/funding.ts';
import { hoursPlanned } from '../../workflows/rules/attendance.ts';

const factsRow = z.object({
  sessionId: z.string(),
  missionId: z.string(),
  missionTitle: z.string(),
  title: z.string(),
  endsAt: z.string(),
  sector: z.enum(SECTORS),
  unitPriceCents: z.number().int().nullable(),
  halfDays: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  funding: z
    .object({
      request: z
        .object({
          kind: z.enum(FUNDING_KINDS),
          client: z.object({ type: z.enum(['company', 'individual', 'independent']) }).passthrough(),
        })
        .nullable(),
      status: z.enum(FUNDING_STATUSES).nullable(),
      billing: z
        .object({ totalCents: z.number(), fundedCents: z.number(), clientCents: z.number() })
        .nullable(),
    })
    .passthrough()
    .nullable(),
  certificates: z.array(z.object({ participantId: z.string(), hoursAttended: z.number() }).passthrough()),
  facilitators: z.array(z.object({ facilitatorId: z.string(), status: z.enum(FACILITATOR_STATUSES) })),
  payoutsCents: z.number(),
});

export async function readBpfFacts(db: CommonQueryMethods, year: number): Promise<BpfSessionFacts[]> {
  const rows = await db.any(sql.type(factsRow)`
    select
      s.id::text as "sessionId",
      m.id::text as "missionId",
      m.title as "missionTitle",
      s.title,
      to_char(s.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt",
      m.sector,
      ol.unit_price_cents as "unitPriceCents",
      coalesce(ss.attendance -> 'halfDays', '[]'::jsonb) as "halfDays",
      ss.funding,
      coalesce(ss.certificates, '[]'::jsonb) as certificates,
      coalesce((
        select jsonb_agg(jsonb_build_object('facilitatorId', i.facilitator_id, 'status', i.facilitator_status))
        from session_invitations as i
        where i.session_id = s.id and i.status = 'accepted'
      ), '[]'::jsonb) as facilitators,
      coalesce((
        select sum((line ->> 'amountCents')::bigint)
        from provider_payouts as p
        cross join lateral jsonb_array_elements(p.lines) as line
        where line ->> 'sessionId' = s.id::text and line ? 'amountCents'
      ), 0)::float8 as "payoutsCents"
    from sessions as s
    join missions as m on m.id = s.mission_id
    left join order_lines as ol on ol.mission_id = s.mission_id and ol.kind = s.kind
    left join session_staffing as ss on ss.session_id = s.id
    where s.kind = 'training'
      and s.status = 'ended'
      and m.deal_type = 'subcontracting'
      and s.ends_at >= (make_date(${year}, 1, 1)::timestamp at time zone 'Europe/Paris')
      and s.ends_at < (make_date(${year + 1}, 1, 1)::timestamp at time zone 'Europe/Paris')
    order by s.ends_at, s.id`);
  return rows.map((row) => ({
    sessionId: row.sessionId,
    missionId: row.missionId,
    missionTitle: row.missionTitle,
    title: row.title,
    endsAt: row.endsAt,
    sector: row.sector,
    unitPriceCents: row.unitPriceCents,
    // Only the half-days' times count towards hours.
    plannedHours: hoursPlanned(row.halfDays as Parameters<typeof hoursPlanned>[0]),
    funding: row.funding?.request
      ? {
          kind: row.funding.request.kind,
          clientType: row.funding.request.client.type,
          status: row.funding.status,
          billing: row.funding.billing,
        }
      : null,
    trainees: row.certificates
      .filter((certificate) => certificate.hoursAttended > 0)
      .map((certificate) => ({ participantId: certificate.participantId, hours: certificate.hoursAttended })),
    facilitators: row.facilitators,
    payoutsCents: row.payoutsCents,
  }));
}
