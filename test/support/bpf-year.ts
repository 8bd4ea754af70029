/**
 * A year of sales written straight into the read model, for the BPF's tests: every session comes
 * from a scenario that states, in the test's own words, which form lines its money and trainees
 * belong to, so that the expected totals are added up from those statements and not from the
 * report's code.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import type { DatabasePool } from '../../db/pool.ts';

type Line = 'C-1' | 'C-2-e' | 'C-2-g' | 'C-2-h' | 'C-3' | 'C-7' | 'C-9';
type Kind = 'F-1-a' | 'F-1-c' | 'F-1-d' | 'F-1-e';

/**
 * What each kind of sale is, as a training provider would file it: who pays which share, and
 * what kind of trainees it trains. `fundedShare` of the price goes to `funderLine`, the rest to
 * `clientLine`.
 */
interface Scenario {
  name: string;
  sector: 'company' | 'association' | 'public_sector' | 'education';
  funding: null | {
    kind: 'opco' | 'cpf' | 'france_travail' | 'fifpl' | 'agefice' | 'client';
    clientType: 'company' | 'individual' | 'independent';
    status: string;
    /** Whether the session's funding carries the billed amounts (a decision was made). */
    billed: boolean;
  };
  fundedShare: number;
  funderLine?: Line;
  clientLine: Line;
  trainees: Kind;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a company pays its employees’ training',
    sector: 'company',
    funding: null,
    fundedShare: 0,
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'an association pays for its employees',
    sector: 'association',
    funding: null,
    fundedShare: 0,
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'a town hall trains its agents',
    sector: 'public_sector',
    funding: null,
    fundedShare: 0,
    clientLine: 'C-3',
    trainees: 'F-1-e',
  },
  {
    name: 'a school trains its staff',
    sector: 'education',
    funding: null,
    fundedShare: 0,
    clientLine: 'C-3',
    trainees: 'F-1-e',
  },
  {
    name: 'the OPCO takes the whole cost over',
    sector: 'company',
    funding: { kind: 'opco', clientType: 'company', status: 'funded', billed: true },
    fundedShare: 1,
    funderLine: 'C-2-h',
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'the OPCO takes part of it over, the company pays the rest',
    sector: 'company',
    funding: { kind: 'opco', clientType: 'company', status: 'partially_funded', billed: true },
    fundedShare: 0.6,
    funderLine: 'C-2-h',
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'the OPCO refused and the company kept the training',
    sector: 'association',
    funding: { kind: 'opco', clientType: 'company', status: 'self_funded', billed: true },
    fundedShare: 0,
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'the OPCO never answered before the training',
    sector: 'company',
    funding: { kind: 'opco', clientType: 'company', status: 'awaiting_decision', billed: false },
    fundedShare: 0,
    clientLine: 'C-1',
    trainees: 'F-1-a',
  },
  {
    name: 'a person uses their CPF',
    sector: 'company',
    funding: { kind: 'cpf', clientType: 'individual', status: 'funded', billed: true },
    fundedShare: 1,
    funderLine: 'C-2-e',
    clientLine: 'C-9',
    trainees: 'F-1-e',
  },
  {
    name: 'France Travail funds a job seeker, who pays the rest',
    sector: 'company',
    funding: { kind: 'france_travail', clientType: 'individual', status: 'partially_funded', billed: true },
    fundedShare: 0.75,
    funderLine: 'C-7',
    clientLine: 'C-9',
    trainees: 'F-1-c',
  },
  {
    name: 'the FIFPL funds an independent',
    sector: 'company',
    funding: { kind: 'fifpl', clientType: 'independent', status: 'funded', billed: true },
    fundedShare: 1,
    funderLine: 'C-2-g',
    clientLine: 'C-9',
    trainees: 'F-1-e',
  },
  {
    name: 'the AGEFICE funds part of an independent’s training',
    sector: 'company',
    funding: { kind: 'agefice', clientType: 'independent', status: 'partially_funded', billed: true },
    fundedShare: 0.5,
    funderLine: 'C-2-g',
    clientLine: 'C-9',
    trainees: 'F-1-e',
  },
  {
    name: 'a person pays for themselves',
    sector: 'company',
    funding: { kind: 'client', clientType: 'individual', status: 'self_funded', billed: true },
    fundedShare: 0,
    clientLine: 'C-9',
    trainees: 'F-1-d',
  },
];

/** A small deterministic generator: the same seed gives the same year every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export interface SeededYear {
  income: Map<string, number>;
  payouts: number;
  trainees: Map<string, { persons: number; hours: number }>;
  facilitators: Set<string>;
  facilitatorHours: number;
  sessions: Set<string>;
  /** Sessions ending at 00:30 on 1 January in Paris: the first of the year, and the first of the next. */
  edges: { newYearsNight: string; newYearsEve: string };
}

/**
 * `missions` missions of 5 sessions (scenarios in turn): trainings and workshops, ended, cancelled
 * or still planned, in the year or either side of it (one ends at 00:30 on 1 January in Paris:
 * 23:30 UTC the day before, another at 00:30 on the next 1 January), written straight into the
 * read model. Answers what the BPF must say, added up from the scenarios' statements.
 */
export async function seedBpfYear(pool: DatabasePool, year: number, missions = 60): Promise<SeededYear> {
  const expected: SeededYear = {
    income: new Map(),
    payouts: 0,
    trainees: new Map(),
    facilitators: new Set(),
    facilitatorHours: 0,
    sessions: new Set(),
    edges: { newYearsNight: '', newYearsEve: '' },
  };
  const edges = expected.edges;
  const add = (map: Map<string, number>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? 0) + value);
  const rng = random(20_261_130);
  const facilitatorPool = Array.from({ length: 25 }, (_, index) => `fac-${index}`);
  for (let m = 0; m < missions; m += 1) {
    const missionId = randomUUID();
    const scenario = SCENARIOS[m % SCENARIOS.length] as Scenario;
    const ours = m % 10 !== 9; // every tenth mission is a client introduction: not the association's sale
    const priceCents = rng.int(80, 400) * 1_000;
    await pool.query(sql.unsafe`
        insert into missions (id, title, client_name, sector, deal_type, coordinator_id, coordinator_name,
          coordinator_email, status, end_date, workflow_id, version, created_at, updated_at)
        values (${missionId}, ${`Mission ${m} — ${scenario.name}`}, ${`Client ${m}`}, ${scenario.sector},
          ${ours ? 'subcontracting' : 'client_introduction'}, 'coord-bpf', 'Alex Durand', 'alex@example.org',
          'open', '2027-06-30', ${`mission-${missionId}`}, 1, now(), now())`);
    await pool.query(sql.unsafe`
        insert into order_lines (mission_id, kind, position, quantity, participants_per_session, unit_price_cents)
        values (${missionId}, 'training', 0, 5, 12, ${priceCents}), (${missionId}, 'workshop', 1, 5, 15, 90000)`);
    for (let n = 0; n < 5; n += 1) {
      const sessionId = randomUUID();
      if (m === 0 && n === 0) edges.newYearsNight = sessionId;
      if (m === 1 && n === 0) edges.newYearsEve = sessionId;
      // The two sessions at the year's edges are ended trainings, so that they test the edge.
      const edge = (m === 0 || m === 1) && n === 0;
      const training = rng.next() < 0.8 || edge;
      const roll = rng.next();
      const status = roll < 0.85 || edge ? 'ended' : roll < 0.92 ? 'cancelled' : 'planned';
      const when = rng.next();
      const endsAt =
        m === 0 && n === 0
          ? new Date(Date.UTC(year - 1, 11, 31, 23, 30))
          : m === 1 && n === 0
            ? new Date(Date.UTC(year, 11, 31, 23, 30))
            : when < 0.1
              ? new Date(Date.UTC(year - 1, rng.int(0, 11), rng.int(1, 28), 16))
              : when < 0.2
                ? new Date(Date.UTC(year + 1, rng.int(0, 11), rng.int(1, 28), 16))
                : new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28), 16));
      const days = rng.int(1, 2);
      const startsAt = new Date(endsAt.getTime() - ((days - 1) * 24 + 8) * 3_600_000);
      const halfDays = Array.from({ length: days * 2 }, (_, index) => {
        const dayStart = startsAt.getTime() + Math.floor(index / 2) * 24 * 3_600_000;
        const [from, to] = index % 2 === 0 ? [0, 3.5] : [4.5, 8];
        return {
          date: new Date(dayStart).toISOString().slice(0, 10),
          period: index % 2 === 0 ? 'morning' : 'afternoon',
          startsAt: new Date(dayStart + from * 3_600_000).toISOString(),
          endsAt: new Date(dayStart + to * 3_600_000).toISOString(),
          content: '',
        };
      });
      const plannedHours = days * 7;
      const participants = Array.from({ length: rng.int(2, 12) }, () => ({
        participantId: randomUUID(),
        // Some registered people never came: no hours, no trainee.
        hoursAttended: rng.next() < 0.15 ? 0 : rng.int(1, plannedHours * 4) / 4,
        documentId: null,
        sentAt: null,
      }));
      const funding = scenario.funding;
      const totalCents = priceCents + (funding?.billed ? rng.int(0, 20) * 1_000 : 0);
      const fundedCents = Math.round(totalCents * scenario.fundedShare);
      await pool.query(sql.unsafe`
          insert into sessions (id, mission_id, kind, title, starts_at, ends_at, location, language, time_zone,
            capacity, other_facilitators, status)
          values (${sessionId}, ${missionId}, ${training ? 'training' : 'workshop'}, ${`Session ${m}.${n}`},
            ${startsAt.toISOString()}, ${endsAt.toISOString()}, ${sql.jsonb({ kind: 'onsite', address: 'Lyon' })},
            'fr', 'Europe/Paris', 12, 1, ${status})`);
      await pool.query(sql.unsafe`
          insert into session_staffing (session_id, mission_id, version, slots_total, slots_taken, funding,
            attendance, certificates)
          values (${sessionId}, ${missionId}, 1, 2, 2, ${
            funding
              ? sql.jsonb({
                  request: { kind: funding.kind, client: { type: funding.clientType }, expenses: [] },
                  status: funding.status,
                  proposal: null,
                  decision: null,
                  billing: funding.billed
                    ? { totalCents, fundedCents, clientCents: totalCents - fundedCents }
                    : null,
                  keptAfterRefusal: false,
                })
              : null
          }, ${sql.jsonb({ status: 'compliant', halfDays, presence: [] })}, ${sql.jsonb(participants)})`);
      const accepted = [rng.int(0, 24), rng.int(0, 24)]
        .filter((index, position, all) => all.indexOf(index) === position)
        .map((index) => facilitatorPool[index] as string);
      for (const [position, facilitatorId] of [...accepted, 'fac-declined'].entries())
        await pool.query(sql.unsafe`
            insert into session_invitations (invitation_id, session_id, mission_id, facilitator_id, facilitator_name,
              facilitator_email, status, facilitator_status, approval, sent_at, expires_at)
            values (${randomUUID()}, ${sessionId}, ${missionId}, ${facilitatorId}, ${facilitatorId},
              ${`${facilitatorId}@example.org`}, ${facilitatorId === 'fac-declined' ? 'declined' : 'accepted'},
              ${position === 1 ? 'internal' : 'paid'}, 'not_needed', now(), now())`);
      const lineCents = rng.int(300, 700) * 100;
      await pool.query(sql.unsafe`
          insert into provider_payouts (payout_id, mission_id, request_id, provider_id, provider_name, status, lines,
            total_cents, requested_at, version)
          values (${randomUUID()}, ${missionId}, 'request-1', ${accepted[0] ?? 'fac-0'}, 'Provider', 'invoiced', ${sql.jsonb(
            [
              {
                sessionId,
                kind: training ? 'training' : 'workshop',
                role: 'lead',
                title: 'x',
                date: startsAt.toISOString(),
                amountCents: lineCents,
              },
              // Coordination is paid per mission, not per session: not a training's cost here.
              {
                sessionId: null,
                kind: 'training',
                role: 'coordination',
                title: 'x',
                date: startsAt.toISOString(),
                amountCents: 10_000,
              },
            ],
          )}, ${lineCents + 10_000}, now(), 1)`);

      const parisYear = Number(
        new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(endsAt),
      );
      if (!(ours && training && status === 'ended' && parisYear === year)) continue;
      expected.sessions.add(sessionId);
      const billedTotal = funding?.billed ? totalCents : priceCents;
      const funded = funding?.billed ? fundedCents : 0;
      if (funded > 0 && scenario.funderLine) add(expected.income, scenario.funderLine, funded);
      if (billedTotal - funded > 0) add(expected.income, scenario.clientLine, billedTotal - funded);
      expected.payouts += lineCents;
      for (const facilitatorId of accepted) {
        expected.facilitators.add(facilitatorId);
        expected.facilitatorHours += plannedHours;
      }
      for (const participant of participants) {
        if (participant.hoursAttended === 0) continue;
        const tally = expected.trainees.get(scenario.trainees) ?? { persons: 0, hours: 0 };
        tally.persons += 1;
        tally.hours += participant.hoursAttended;
        expected.trainees.set(scenario.trainees, tally);
      }
    }
  }
  return expected;
}
