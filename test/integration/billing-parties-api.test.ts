/**
 * Staff record who closure's invoices are addressed to, through the real API on the run's
 * Postgres: a client without a funding request and a funded company's OPCO.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../workflows/rules/organisation-settings.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type ProblemBody, readJson } from '../support/http.ts';

/**
 * A company SIREN of this run's own (eight random digits and Luhn's check digit): the test
 * database is shared, and the authorisation matrix records an OPCO under a fixed one.
 */
function freshSiren(): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
  const check = (candidate: number) => luhnValid([...digits, candidate].join(''));
  return [...digits, Array.from({ length: 10 }, (_, digit) => digit).find(check)].join('');
}
const opcoPath = `/opcos/${freshSiren()}/billing-party`;

describe('billing parties (real API and Postgres)', () => {
  let api: RunningApi;
  const tokens: Record<'staff' | 'coordinator', string> = { staff: '', coordinator: '' };
  const client = `Collège ${randomUUID().slice(0, 8)}`;
  const party = {
    legalName: 'Collège Jean Moulin',
    addressLine: '3 rue des Écoles',
    postalCode: '69003',
    city: 'Lyon',
    country: 'FR',
    siren: '732829320',
    vatNumber: 'FR44732829320',
  };

  beforeAll(async () => {
    api = await startApi();
    tokens.staff = await api.token({ subject: 'staff-billing', role: 'staff' });
    tokens.coordinator = await api.token({ subject: 'coord-billing', role: 'coordinator' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const send = (who: 'staff' | 'coordinator', method: string, path: string, body?: object) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        'idempotency-key': randomUUID(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const clientPath = `/clients/${encodeURIComponent(client)}/billing-party`;

  it('answers 404 with a code before staff record a client’s address, then what they recorded', async () => {
    const before = await send('staff', 'GET', clientPath);
    expect(before.status).toBe(404);
    expect((await readJson<ProblemBody>(before)).code).toBe('BILLING_PARTY_NOT_FOUND');
    const saved = await send('staff', 'PUT', clientPath, party);
    expect(saved.status).toBe(200);
    const read = await send('staff', 'GET', clientPath);
    expect(await readJson(read)).toEqual({ partyKey: `client:${client}`, ...party });
  });

  it('refuses a SIREN whose check digit is wrong and a VAT number of another SIREN, naming each field', async () => {
    const refused = await send('staff', 'PUT', opcoPath, {
      ...party,
      siren: '732829321',
      vatNumber: 'FR44732829320',
    });
    expect(refused.status).toBe(422);
    const problem = await readJson<ProblemBody & { errors: { path: string }[] }>(refused);
    expect(problem.code).toBe('BILLING_PARTY_INVALID');
    expect(problem.errors.map((error) => error.path)).toEqual(['body/siren', 'body/vatNumber']);
    expect((await send('staff', 'GET', opcoPath)).status).toBe(404);
  });

  it('records the OPCO of a company by the company’s SIREN, for staff only', async () => {
    const opco = { ...party, legalName: 'OPCO Atlas', siren: null, vatNumber: null };
    expect((await send('coordinator', 'PUT', opcoPath, opco)).status).toBe(403);
    expect((await send('staff', 'PUT', opcoPath, opco)).status).toBe(200);
    const read = await readJson(await send('staff', 'GET', opcoPath));
    expect(read).toMatchObject({
      partyKey: `opco:${opcoPath.split('/')[2]}`,
      legalName: 'OPCO Atlas',
      siren: null,
    });
  });
});
