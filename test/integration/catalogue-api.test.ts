/**
 * The training catalogue through the API (issue #15 item 2): staff write offers as versions,
 * coordinators read them, bad offers are refused field by field.
 */
import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferListSchema, OfferRecordSchema, OfferSchema } from '../../api/schemas/catalogue.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type ProblemBody, readJson } from '../support/http.ts';
import { trainingOffer, workshopOffer } from '../support/offers.ts';

type OfferRecord = Static<typeof OfferRecordSchema>;
type Who = 'staff' | 'coordinator';

const bodyOf = ({
  offerId: _id,
  version: _v,
  versionDate: _d,
  placeholder: _p,
  ...body
}: typeof trainingOffer) => body;

describe('training catalogue (API, Postgres)', () => {
  let api: RunningApi;
  const tokens: Record<Who, string> = { staff: '', coordinator: '' };

  beforeAll(async () => {
    api = await startApi();
    tokens.staff = await api.token({ subject: 'staff-catalogue', role: 'staff' });
    tokens.coordinator = await api.token({ subject: 'coord-catalogue', role: 'coordinator' });
  });
  afterAll(() => api?.stop());

  const send = (who: Who, method: string, path: string, body?: object) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        'idempotency-key': randomUUID(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('adds an offer as version 1, dated by the server, and answers it as written', async () => {
    const response = await send('staff', 'POST', '/catalogue/offers', {
      ...bodyOf(trainingOffer),
      title: `Animer un atelier participatif ${randomUUID().slice(0, 6)}`,
    });
    expect(response.status).toBe(201);
    const record = await readJson<OfferRecord>(response);
    expect(record.offer).toMatchObject({ version: 1, placeholder: false, kind: 'training' });
    expect(record.offer.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Scale values stay numbers and yes/no values strings through the schema's coercion.
    expect(record.offer.positioningQuestions).toEqual(trainingOffer.positioningQuestions);
    expect(record.offer.assessmentQuestions).toEqual(trainingOffer.assessmentQuestions);
    expect(record.versions).toEqual([expect.objectContaining({ version: 1, createdBy: 'staff-catalogue' })]);
  });

  it('writes a change as the next version and keeps the one sessions were planned with', async () => {
    const created = await readJson<OfferRecord>(
      await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
    );
    const { offerId } = created.offer;
    const changed = await send('staff', 'PUT', `/catalogue/offers/${offerId}`, {
      ...bodyOf(workshopOffer),
      priceCents: 95_000,
    });
    expect(changed.status).toBe(200);
    expect(await readJson<OfferRecord>(changed)).toMatchObject({
      offer: { version: 2, priceCents: 95_000 },
      versions: [{ version: 2 }, { version: 1 }],
    });
    // The same content again is no new version: a retried PUT leaves one.
    const again = await readJson<OfferRecord>(
      await send('staff', 'PUT', `/catalogue/offers/${offerId}`, {
        ...bodyOf(workshopOffer),
        priceCents: 95_000,
      }),
    );
    expect(again.versions).toHaveLength(2);

    const first = await send('coordinator', 'GET', `/catalogue/offers/${offerId}/versions/1`);
    expect(first.status).toBe(200);
    expect(await readJson<Static<typeof OfferSchema>>(first)).toMatchObject({
      version: 1,
      priceCents: 90_000,
    });
    const listed = await readJson<Static<typeof OfferListSchema>>(
      await send('coordinator', 'GET', '/catalogue/offers'),
    );
    expect(listed.offers.filter((offer) => offer.offerId === offerId)).toEqual([
      expect.objectContaining({ version: 2, priceCents: 95_000, title: workshopOffer.title }),
    ]);
    expect(listed.offers).toContainEqual(
      expect.objectContaining({ starter: true, placeholder: true, kind: 'training', title: 'Formation' }),
    );
  });

  it('refuses an offer field by field, naming each with a JSON pointer', async () => {
    const response = await send('staff', 'POST', '/catalogue/offers', {
      ...bodyOf(trainingOffer),
      objectives: [],
      programme: trainingOffer.programme.slice(0, 2),
      accessTime: ' ',
    });
    expect(response.status).toBe(422);
    const problem = await readJson<ProblemBody>(response);
    expect(problem.code).toBe('OFFER_INVALID');
    expect(problem.errors?.map((error) => error.path)).toEqual(['/objectives', '/accessTime', '/programme']);
    expect(problem.violations?.map((violation) => violation.code)).toEqual([
      'OBJECTIVES_MISSING',
      'REQUIRED',
      'PROGRAMME_HALF_DAYS',
    ]);
  });

  it("refuses to change an offer's kind or an offer that does not exist", async () => {
    const created = await readJson<OfferRecord>(
      await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
    );
    const kindChanged = await send(
      'staff',
      'PUT',
      `/catalogue/offers/${created.offer.offerId}`,
      bodyOf(trainingOffer),
    );
    expect(kindChanged.status).toBe(409);
    expect((await readJson<ProblemBody>(kindChanged)).code).toBe('OFFER_KIND_CHANGED');

    const unknown = randomUUID();
    for (const [method, path, body] of [
      ['GET', `/catalogue/offers/${unknown}`],
      ['PUT', `/catalogue/offers/${unknown}`, bodyOf(workshopOffer)],
      ['POST', `/catalogue/offers/${unknown}/retire`],
    ] as const) {
      const response = await send('staff', method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await readJson<ProblemBody>(response)).code).toBe('OFFER_NOT_FOUND');
    }
    const noVersion = await send('staff', 'GET', `/catalogue/offers/${created.offer.offerId}/versions/7`);
    expect(noVersion.status).toBe(404);
    expect((await readJson<ProblemBody>(noVersion)).code).toBe('OFFER_VERSION_NOT_FOUND');
  });

  it('retires an offer: it leaves the list planners choose from and stays readable', async () => {
    const created = await readJson<OfferRecord>(
      await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
    );
    const { offerId } = created.offer;
    const retired = await send('staff', 'POST', `/catalogue/offers/${offerId}/retire`);
    expect(retired.status).toBe(200);
    expect((await readJson<OfferRecord>(retired)).retiredAt).toEqual(expect.any(String));
    const ids = async (query: string) =>
      (
        await readJson<Static<typeof OfferListSchema>>(
          await send('coordinator', 'GET', `/catalogue/offers${query}`),
        )
      ).offers.map((offer) => offer.offerId);
    expect(await ids('')).not.toContain(offerId);
    expect(await ids('?includeRetired=true')).toContain(offerId);
    expect((await send('coordinator', 'GET', `/catalogue/offers/${offerId}`)).status).toBe(200);
  });

  it('lets coordinators read and not write', async () => {
    expect((await send('coordinator', 'POST', '/catalogue/offers', bodyOf(workshopOffer))).status).toBe(403);
    const starter = '00000000-0000-4000-8000-000000000001';
    expect(
      (await send('coordinator', 'PUT', `/catalogue/offers/${starter}`, bodyOf(workshopOffer))).status,
    ).toBe(403);
    expect((await send('coordinator', 'POST', `/catalogue/offers/${starter}/retire`)).status).toBe(403);
  });
});
