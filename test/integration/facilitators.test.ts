import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorSchema } from '../../api/schemas/facilitator.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type ProblemBody, readJson } from '../support/http.ts';

type FacilitatorBody = Static<typeof FacilitatorSchema>;

interface Page {
  items: FacilitatorBody[];
  nextCursor: string | null;
}

describe('facilitator directory (HTTP API, Postgres)', () => {
  let api: RunningApi;
  // The database is shared by the whole run: every name, id and e-mail here is this run's own.
  const run = randomUUID().slice(0, 8);
  const today = businessDate(new Date());
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    tokens.staff = await api.token({ subject: 'staff-1', role: 'staff' });
    tokens.coordinator = await api.token({ subject: 'coord-1', role: 'coordinator' });
  });
  afterAll(async () => api?.stop());

  const send = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const get = (path: string, token: string) => send('GET', path, token);

  const newFacilitator = (overrides: Record<string, unknown> = {}) => {
    const id = `fac-${randomUUID()}`;
    return {
      id,
      firstName: 'Camille',
      lastName: `Martin ${run}`,
      email: `${id}@example.org`,
      country: 'FR',
      ...overrides,
    };
  };

  const create = async (body: Record<string, unknown>) => {
    const response = await send('POST', '/facilitators', tokens.staff ?? '', body);
    expect(response.status).toBe(201);
    return readJson<FacilitatorBody>(response);
  };

  it('lets staff add a facilitator and read them back', async () => {
    const body = newFacilitator({
      email: `Camille.${run}@Example.ORG`,
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: addDays(today, -30),
      compliantUntil: addDays(today, 335),
      employer: 'Acme SA',
      managerEmail: 'manager@acme.example',
    });
    const response = await send('POST', '/facilitators', tokens.staff ?? '', body);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/facilitators/${body.id}`);
    const created = await readJson<FacilitatorBody>(response);
    expect(created).toMatchObject({
      ...body,
      email: `camille.${run}@example.org`,
      compliance: { compliant: true, reason: null },
    });

    const read = await readJson<FacilitatorBody>(await get(`/facilitators/${body.id}`, tokens.staff ?? ''));
    expect(read).toEqual(created);
  });

  it('lets coordinators read the directory to invite from it, but not add to it or change it', async () => {
    const known = await create(newFacilitator());
    const list = await get(`/facilitators?q=${encodeURIComponent(known.email)}`, tokens.coordinator ?? '');
    expect(list.status).toBe(200);
    expect((await readJson<Page>(list)).items.map((item) => item.id)).toEqual([known.id]);
    expect((await get(`/facilitators/${known.id}`, tokens.coordinator ?? '')).status).toBe(200);

    const add = await send('POST', '/facilitators', tokens.coordinator ?? '', newFacilitator());
    expect([add.status, (await readJson<ProblemBody>(add)).code]).toEqual([403, 'FORBIDDEN']);
    const change = await send('PATCH', `/facilitators/${known.id}`, tokens.coordinator ?? '', {
      lastName: 'X',
    });
    expect([change.status, (await readJson<ProblemBody>(change)).code]).toEqual([403, 'FORBIDDEN']);
    const billing = await get(`/facilitators/${known.id}/billing`, tokens.coordinator ?? '');
    expect([billing.status, (await readJson<ProblemBody>(billing)).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows staff the billing details as entered and how a payout would be paid today', async () => {
    const french = await create(newFacilitator());
    const empty = await readJson<Record<string, unknown>>(
      await get(`/facilitators/${french.id}/billing`, tokens.staff ?? ''),
    );
    expect(empty).toEqual({
      billingName: null,
      billingAddress: null,
      siret: null,
      vatNumber: null,
      vatRatePercent: null,
      selfBillingMandateSignedOn: null,
      country: 'FR',
      payoutChannel: { channel: 'supplier_invoice', supplierInvoiceReason: 'no_self_billing_mandate' },
    });
    const details = {
      billingName: 'Atelier Martin EI',
      billingAddress: '3 rue des Lilas, 69003 Lyon',
      siret: '12345678901234',
      vatNumber: null,
      vatRatePercent: 20,
      selfBillingMandateSignedOn: addDays(today, -1),
    };
    expect(
      (await send('PUT', `/facilitators/${french.id}/billing`, tokens.staff ?? '', details)).status,
    ).toBe(200);
    expect(await readJson(await get(`/facilitators/${french.id}/billing`, tokens.staff ?? ''))).toEqual({
      ...details,
      country: 'FR',
      payoutChannel: { channel: 'self_billing', supplierInvoiceReason: null },
    });

    const abroad = await create(newFacilitator({ country: 'BE' }));
    await send('PUT', `/facilitators/${abroad.id}/billing`, tokens.staff ?? '', details);
    expect(
      (
        await readJson<{ payoutChannel: unknown }>(
          await get(`/facilitators/${abroad.id}/billing`, tokens.staff ?? ''),
        )
      ).payoutChannel,
    ).toEqual({ channel: 'supplier_invoice', supplierInvoiceReason: 'international_provider' });

    const missing = await get(`/facilitators/nobody-${run}/billing`, tokens.staff ?? '');
    expect([missing.status, (await readJson<ProblemBody>(missing)).code]).toEqual([
      404,
      'FACILITATOR_NOT_FOUND',
    ]);
  });

  it('refuses a second facilitator with the same id', async () => {
    const first = await create(newFacilitator());
    const response = await send(
      'POST',
      '/facilitators',
      tokens.staff ?? '',
      newFacilitator({ id: first.id }),
    );
    const problem = await readJson<ProblemBody>(response);
    expect([response.status, problem.code, problem.field]).toEqual([409, 'FACILITATOR_ALREADY_EXISTS', 'id']);
  });

  it('refuses a second facilitator with the same e-mail in another case', async () => {
    const first = await create(newFacilitator());
    const response = await send(
      'POST',
      '/facilitators',
      tokens.staff ?? '',
      newFacilitator({ email: first.email.toUpperCase() }),
    );
    const problem = await readJson<ProblemBody>(response);
    expect([response.status, problem.code, problem.field]).toEqual([
      409,
      'FACILITATOR_ALREADY_EXISTS',
      'email',
    ]);
  });

  it('refuses an invalid e-mail, country or training-provider number, naming the first issue', async () => {
    const response = await send(
      'POST',
      '/facilitators',
      tokens.staff ?? '',
      newFacilitator({ email: 'not-an-email', country: 'France', trainingProviderNumber: '11 75 555' }),
    );
    const problem = await readJson<ProblemBody>(response);
    expect([response.status, problem.code]).toEqual([422, 'VALIDATION_FAILED']);
    // Validation stops at the first issue (issue #14): listing every one was a denial of service.
    const paths = problem.errors?.map((issue) => issue.path) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths)
      expect(['body/country', 'body/email', 'body/trainingProviderNumber']).toContain(path);
  });

  it('refuses a compliance check without the date it is valid until', async () => {
    const response = await send(
      'POST',
      '/facilitators',
      tokens.staff ?? '',
      newFacilitator({ trainingProviderNumber: '11755555575', complianceCheckedOn: today }),
    );
    expect([response.status, (await readJson<ProblemBody>(response)).code]).toEqual([
      422,
      'COMPLIANCE_DATES_INCOMPLETE',
    ]);
  });

  it('finds facilitators by part of their name or e-mail and by compliance today', async () => {
    const lastName = `Durand ${run}`;
    const valid = {
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: addDays(today, -10),
      compliantUntil: addDays(today, 100),
    };
    const alice = await create(newFacilitator({ firstName: 'Alice', lastName, ...valid }));
    const bruno = await create(
      newFacilitator({ firstName: 'Bruno', lastName, email: `bruno.${run}@durand.example` }),
    );
    const chloe = await create(
      newFacilitator({
        firstName: 'Chloé',
        lastName,
        ...valid,
        complianceCheckedOn: addDays(today, -400),
        compliantUntil: addDays(today, -1),
      }),
    );

    const ids = async (query: string) =>
      (await readJson<Page>(await get(`/facilitators?${query}`, tokens.staff ?? ''))).items.map(
        (item) => item.id,
      );
    expect(await ids(`q=${encodeURIComponent(`durand ${run}`.toUpperCase())}`)).toEqual([
      alice.id,
      bruno.id,
      chloe.id,
    ]);
    expect(await ids(`q=${encodeURIComponent(`ALICE DURAND ${run}`)}`)).toEqual([alice.id]);
    expect(await ids(`q=${encodeURIComponent(`BRUNO.${run}@`)}`)).toEqual([bruno.id]);
    expect(await ids(`q=${encodeURIComponent(lastName)}&compliant=true`)).toEqual([alice.id]);
    expect(await ids(`q=${encodeURIComponent(lastName)}&compliant=false`)).toEqual([bruno.id, chloe.id]);

    const listed = await readJson<Page>(
      await get(`/facilitators?q=${encodeURIComponent(lastName)}&compliant=false`, tokens.staff ?? ''),
    );
    expect(listed.items.map((item) => item.compliance.compliant)).toEqual([false, false]);
    expect(listed.items[1]?.compliance.reason).toContain('lapsed on');
  });

  it('pages through the directory alphabetically without repeating anyone', async () => {
    const lastName = `Petit ${run}`;
    for (const firstName of ['Eva', 'anna', 'Hugo', 'Damien', 'Bea']) {
      await create(newFacilitator({ firstName, lastName }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await readJson<Page>(
        await get(
          `/facilitators?q=${encodeURIComponent(lastName)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          tokens.staff ?? '',
        ),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.firstName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['anna', 'Bea', 'Damien', 'Eva', 'Hugo']);

    const forged = await get('/facilitators?cursor=bm90LWEtY3Vyc29y', tokens.staff ?? '');
    expect([forged.status, (await readJson<ProblemBody>(forged)).code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('records a compliance check with PATCH, and the computed compliance follows', async () => {
    const facilitator = await create(newFacilitator());
    expect(facilitator.compliance.compliant).toBe(false);
    expect(facilitator.compliance.reason).toContain('No training-provider registration number');

    const registered = await readJson<FacilitatorBody>(
      await send('PATCH', `/facilitators/${facilitator.id}`, tokens.staff ?? '', {
        trainingProviderNumber: '11755555575',
      }),
    );
    expect(registered.compliance).toEqual({
      compliant: false,
      reason: "This facilitator's compliance has never been checked.",
    });

    const response = await send('PATCH', `/facilitators/${facilitator.id}`, tokens.staff ?? '', {
      complianceCheckedOn: today,
      compliantUntil: addDays(today, 365),
    });
    expect(response.status).toBe(200);
    const checked = await readJson<FacilitatorBody>(response);
    expect(checked).toMatchObject({
      firstName: facilitator.firstName,
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: today,
      compliance: { compliant: true, reason: null },
    });
    expect(Date.parse(checked.updatedAt)).toBeGreaterThan(Date.parse(facilitator.updatedAt));

    const cleared = await readJson<FacilitatorBody>(
      await send('PATCH', `/facilitators/${facilitator.id}`, tokens.staff ?? '', {
        trainingProviderNumber: null,
      }),
    );
    expect(cleared.compliance.compliant).toBe(false);
  });

  it('refuses a PATCH that takes another facilitator’s e-mail, or is empty, or targets nobody', async () => {
    const first = await create(newFacilitator());
    const second = await create(newFacilitator());
    const taken = await send('PATCH', `/facilitators/${second.id}`, tokens.staff ?? '', {
      email: first.email.toUpperCase(),
    });
    const problem = await readJson<ProblemBody>(taken);
    expect([taken.status, problem.code, problem.field]).toEqual([409, 'FACILITATOR_ALREADY_EXISTS', 'email']);

    const empty = await send('PATCH', `/facilitators/${second.id}`, tokens.staff ?? '', {});
    expect([empty.status, (await readJson<ProblemBody>(empty)).code]).toEqual([422, 'VALIDATION_FAILED']);

    const missing = await send('PATCH', `/facilitators/nobody-${run}`, tokens.staff ?? '', {
      firstName: 'X',
    });
    expect([missing.status, (await readJson<ProblemBody>(missing)).code]).toEqual([
      404,
      'FACILITATOR_NOT_FOUND',
    ]);
  });

  it('lets a facilitator read their own record and answers 404 for anyone else’s', async () => {
    const own = await create(newFacilitator());
    const other = await create(newFacilitator());
    const token = await api.token({ subject: own.id, role: 'facilitator' });

    const mine = await get(`/facilitators/${own.id}`, token);
    expect(mine.status).toBe(200);
    expect((await readJson<FacilitatorBody>(mine)).email).toBe(own.email);

    const theirs = await get(`/facilitators/${other.id}`, token);
    expect([theirs.status, (await readJson<ProblemBody>(theirs)).code]).toEqual([
      404,
      'FACILITATOR_NOT_FOUND',
    ]);
    const edit = await send('PATCH', `/facilitators/${own.id}`, token, { firstName: 'Moi' });
    expect([edit.status, (await readJson<ProblemBody>(edit)).code]).toEqual([403, 'FORBIDDEN']);
  });
});
