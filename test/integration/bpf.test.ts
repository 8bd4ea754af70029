/**
 * The yearly BPF (issue #19 item 2) over a year of a few hundred seeded sessions: the read model
 * is filled directly (the report reads only the read model; driving 300 sessions through their
 * workflows would test the workflows, not the sums), in a database of its own, from scenarios
 * that state which form lines each sale belongs to (test/support/bpf-year.ts). The expected
 * totals are added up from those statements and compared with the API's figures, then its CSV.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type SeededYear, seedBpfYear } from '../support/bpf-year.ts';
import { testPool } from '../support/database.ts';

const YEAR = 2026;

describe('the yearly BPF over a seeded year', () => {
  const database = `missions_bpf_${process.pid}_${Date.now()}`;
  let pool: DatabasePool;
  let api: RunningApi;
  let staff = '';
  let expected: SeededYear;

  beforeAll(async () => {
    const databaseUrl = await ensureDatabase(inject('databaseUrl'), database);
    await migrate(databaseUrl);
    pool = await testPool(databaseUrl);
    api = await startApi({}, { databaseUrl });
    staff = await api.token({ subject: 'staff-bpf', role: 'staff' });
    expected = await seedBpfYear(pool, YEAR);
  });
  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await dropDatabase(inject('databaseUrl'), database);
  });

  interface Figure {
    line: string;
    unit: 'cents' | 'persons' | 'hours';
    value: number;
    sessionIds: string[];
  }
  interface Report {
    year: number;
    sessions: { sessionId: string }[];
    figures: Figure[];
    notFilled: { frame: string; reason: string }[];
  }

  async function report(): Promise<Report> {
    const response = await fetch(`${api.baseUrl}/reports/bpf?year=${YEAR}`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Report;
  }
  const figure = (answer: Report, line: string, unit: Figure['unit']) =>
    answer.figures.find((candidate) => candidate.line === line && candidate.unit === unit);

  it('counts exactly the trainings of the association’s own missions that ended in the year, French time', async () => {
    const answer = await report();
    expect(expected.sessions.size).toBeGreaterThan(100);
    const counted = new Set(answer.sessions.map((session) => session.sessionId));
    expect(counted).toEqual(expected.sessions);
    expect(counted.has(expected.edges.newYearsNight)).toBe(true);
    expect(counted.has(expected.edges.newYearsEve)).toBe(false);
  });

  it('adds the income up by source, the funder’s share apart from the client’s', async () => {
    const answer = await report();
    for (const line of ['C-1', 'C-2-e', 'C-2-g', 'C-2-h', 'C-3', 'C-7', 'C-9'])
      expect(figure(answer, line, 'cents')?.value, line).toBe(expected.income.get(line) ?? 0);
    const total = [...expected.income.values()].reduce((sum, cents) => sum + cents, 0);
    expect(figure(answer, 'C-total', 'cents')?.value).toBe(total);
    expect(figure(answer, 'D-2', 'cents')?.value).toBe(expected.payouts);
  });

  it('counts the facilitators and their hours, and the trainees and their hours by kind', async () => {
    const answer = await report();
    expect(figure(answer, 'E-2', 'persons')?.value).toBe(expected.facilitators.size);
    expect(figure(answer, 'E-2', 'hours')?.value).toBeCloseTo(expected.facilitatorHours, 2);
    let persons = 0;
    let hours = 0;
    for (const kind of ['F-1-a', 'F-1-c', 'F-1-d', 'F-1-e'] as const) {
      const tally = expected.trainees.get(kind) ?? { persons: 0, hours: 0 };
      expect(figure(answer, kind, 'persons')?.value, kind).toBe(tally.persons);
      expect(figure(answer, kind, 'hours')?.value, kind).toBeCloseTo(tally.hours, 2);
      persons += tally.persons;
      hours += tally.hours;
    }
    expect(figure(answer, 'F-1-total', 'persons')?.value).toBe(persons);
    expect(figure(answer, 'F-1-total', 'hours')?.value).toBeCloseTo(hours, 2);
    expect(figure(answer, 'F-3-f', 'persons')?.value).toBe(persons);
  });

  it('names the sessions behind every figure, and only counted ones', async () => {
    const answer = await report();
    for (const entry of answer.figures) {
      if (entry.value === 0) continue;
      expect(entry.sessionIds.length, entry.line).toBeGreaterThan(0);
      for (const id of entry.sessionIds) expect(expected.sessions.has(id), entry.line).toBe(true);
    }
    expect(answer.notFilled.map((gap) => gap.frame)).toContain('F-3 (lines a to e), F-4');
  });

  it('gives the same figures as a French spreadsheet, rounded as the form wants', async () => {
    const response = await fetch(`${api.baseUrl}/reports/bpf.csv?year=${YEAR}`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain(`bpf-${YEAR}.csv`);
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte-order mark tells a spreadsheet the file is UTF-8 (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('ligne;libellé;')).toBe(true);
    const rows = text
      .trim()
      .split('\r\n')
      .map((row) => row.split(';'));
    const c1 = rows.find((row) => row[0] === 'C-1');
    expect(Number(c1?.[3])).toBe(Math.round((expected.income.get('C-1') ?? 0) / 100));
    expect(c1?.[4]).toBe(String((expected.income.get('C-1') ?? 0) / 100).replace('.', ','));
  });

  it('answers only staff, and says what is wrong with the year', async () => {
    const coordinator = await api.token({ subject: 'coord-bpf', role: 'coordinator' });
    const refused = await fetch(`${api.baseUrl}/reports/bpf?year=${YEAR}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(refused.status).toBe(403);
    const invalid = await fetch(`${api.baseUrl}/reports/bpf?year=twenty`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as { code: string; errors?: { path: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(problem.errors)).toContain('year');
  });
});
