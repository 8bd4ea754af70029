/**
 * The training catalogue through the API (issue #15 item 2): staff write offers as versions,
 * coordinators read them, bad offers are refused field by field.
 */
import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferListSchema, OfferRecordSchema, OfferSchema } from '../../api/schemas/catalogue.ts';
import { signLink } from '../../links/link-tokens.ts';
import { sessionStateQuery, sessionWorkflowId } from '../../workflows/messages/session.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, type ProblemBody, readJson } from '../support/http.ts';
import { trainingOffer, workshopOffer } from '../support/offers.ts';
import { TEST_LINK_SECRETS } from '../support/worker-harness.ts';

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

  describe('planning', () => {
    const day = (days: number, hour: number) =>
      `${addDays(businessDate(new Date()), days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const sessionBody = (kind: 'workshop' | 'training', days: number, extra: object = {}) => ({
      kind,
      title: kind === 'training' ? 'Formation animation' : 'Fresque',
      startsAt: day(days, 8),
      endsAt: day(days, kind === 'training' ? 15 : 11),
      location: { mode: 'onsite', address: '3 rue des Ateliers, 69001 Lyon' },
      capacity: 8,
      otherFacilitators: 0,
      ...extra,
    });
    const newMissionBody = () => ({
      title: 'Animer ensemble',
      client: { name: `Client catalogue ${randomUUID().slice(0, 6)}` },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: 'coord-catalogue', name: 'Alex Durand', email: 'coord-catalogue@example.org' },
      endDate: addDays(businessDate(new Date()), 120),
    });
    let training: OfferRecord;
    let workshop: OfferRecord;
    let mission: MissionBody;

    beforeAll(async () => {
      training = await readJson<OfferRecord>(
        await send('staff', 'POST', '/catalogue/offers', bodyOf(trainingOffer)),
      );
      workshop = await readJson<OfferRecord>(
        await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
      );
      const created = await send('coordinator', 'POST', '/missions', {
        ...newMissionBody(),
        orderLines: [
          {
            kind: 'training',
            quantity: 4,
            participantsPerSession: 8,
            unitPriceCents: 180_000,
            offerId: training.offer.offerId,
          },
          { kind: 'workshop', quantity: 4, participantsPerSession: 8, unitPriceCents: 90_000 },
        ],
      });
      expect(created.status).toBe(201);
      mission = await readJson<MissionBody>(created);
      expect(mission.orderLines[0]).toMatchObject({ offerId: training.offer.offerId });
      expect(mission.orderLines[1]).not.toHaveProperty('offerId');
    });

    const plan = (body: object) => send('coordinator', 'POST', `/missions/${mission.id}/sessions`, body);
    const planned = async (response: Response) => {
      expect(response.status).toBe(201);
      const sessionId = response.headers.get('location')?.split('/').at(-1) ?? '';
      const answer = await readJson<MissionBody>(response);
      return answer.sessions.find((each) => each.id === sessionId) ?? expect.fail(`no session ${sessionId}`);
    };
    const stateOf = (sessionId: string) =>
      api.client.workflow.getHandle(sessionWorkflowId(sessionId)).query(sessionStateQuery);

    it("gives a session the order line's offer at its newest version, which the session keeps", async () => {
      const changed = await send('staff', 'PUT', `/catalogue/offers/${training.offer.offerId}`, {
        ...bodyOf(trainingOffer),
        priceCents: 190_000,
      });
      expect(changed.status).toBe(200);
      const session = await planned(await plan(sessionBody('training', 20)));
      expect(session.offer).toEqual({
        offerId: training.offer.offerId,
        version: 2,
        title: trainingOffer.title,
      });
      expect((await stateOf(session.id)).offer).toEqual({ offerId: training.offer.offerId, version: 2 });
      const listed = await readJson<MissionBody['sessions']>(
        await send('coordinator', 'GET', `/missions/${mission.id}/sessions`),
      );
      expect(listed.find((each) => each.id === session.id)?.offer).toMatchObject({ version: 2 });
    });

    it('plans a session with the offer chosen, or none when neither it nor its line names one', async () => {
      const chosen = await planned(
        await plan(sessionBody('workshop', 21, { offerId: workshop.offer.offerId })),
      );
      expect(chosen.offer).toEqual({
        offerId: workshop.offer.offerId,
        version: 1,
        title: workshopOffer.title,
      });
      const none = await planned(await plan(sessionBody('workshop', 22)));
      expect(none.offer).toBeNull();
      expect((await stateOf(none.id)).offer).toBeUndefined();
    });

    it('refuses an offer of another kind, an unknown one and a retired one beside the field', async () => {
      for (const [offerId, code] of [
        [workshop.offer.offerId, 'OFFER_KIND_MISMATCH'],
        [randomUUID(), 'OFFER_NOT_FOUND'],
      ] as const) {
        const response = await plan(sessionBody('training', 23, { offerId }));
        expect(response.status, code).toBe(422);
        const problem = await readJson<ProblemBody>(response);
        expect(problem.code).toBe(code);
        expect(problem.errors).toEqual([{ path: 'body/offerId', message: expect.any(String) }]);
      }
      const retired = await readJson<OfferRecord>(
        await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
      );
      await send('staff', 'POST', `/catalogue/offers/${retired.offer.offerId}/retire`);
      const response = await plan(sessionBody('workshop', 23, { offerId: retired.offer.offerId }));
      expect((await readJson<ProblemBody>(response)).code).toBe('OFFER_RETIRED');
      const lineOfAnotherKind = await send('coordinator', 'POST', '/missions', {
        ...newMissionBody(),
        orderLines: [
          {
            kind: 'training',
            quantity: 1,
            participantsPerSession: 8,
            unitPriceCents: 1,
            offerId: workshop.offer.offerId,
          },
        ],
      });
      expect(lineOfAnotherKind.status).toBe(422);
      expect(await readJson<ProblemBody>(lineOfAnotherKind)).toMatchObject({
        code: 'OFFER_KIND_MISMATCH',
        errors: [{ path: 'body/orderLines/0/offerId' }],
      });
    });

    it("asks the offer's positioning questions on the test page, and the default set without an offer", async () => {
      const [withOffer, without] = [
        await planned(await plan(sessionBody('training', 27))),
        await planned(await plan(sessionBody('workshop', 27))),
      ];
      const pageOf = async (sessionId: string) => {
        const registered = await send(
          'coordinator',
          'POST',
          `/missions/${mission.id}/sessions/${sessionId}/participants`,
          {
            participants: [
              { email: `lea-${sessionId.slice(0, 6)}@example.org`, firstName: 'Léa', lastName: 'Morel' },
            ],
          },
        );
        expect(registered.status).toBe(200);
        const { participants } = await readJson<{ participants: { id: string }[] }>(registered);
        const token = await signLink(TEST_LINK_SECRETS, {
          purpose: 'positioningTest',
          subjectId: participants[0]?.id ?? '',
          sessionId,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
        const url = `${api.baseUrl}/links/positioning-tests/${token}`;
        const shown = await fetch(url, { headers: { accept: 'text/html' } });
        expect(shown.status).toBe(200);
        return { url, text: await shown.text() };
      };

      const offered = await pageOf(withOffer.id);
      expect(offered.text).toContain('Avez-vous déjà animé une réunion ou un atelier en groupe ?');
      expect(offered.text).not.toContain('Où en êtes-vous aujourd’hui sur le sujet de la formation ?');
      // The answers are checked against the offer's questions: its required choice is asked for.
      const refused = await fetch(offered.url, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ confidence: '3' }).toString(),
      });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toMatch(/id="facilitated-error"/);

      const standard = await pageOf(without.id);
      expect(standard.text).toContain('Où en êtes-vous aujourd’hui sur le sujet de la formation ?');
    });

    it("checks an amended order's offers, keeping a line's retired offer it already had", async () => {
      const kept = await readJson<OfferRecord>(
        await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
      );
      const lines = (workshopOfferId: string, quantity = 5) => ({
        orderLines: [
          {
            kind: 'training',
            quantity: 4,
            participantsPerSession: 8,
            unitPriceCents: 180_000,
            offerId: training.offer.offerId,
          },
          {
            kind: 'workshop',
            quantity,
            participantsPerSession: 8,
            unitPriceCents: 90_000,
            offerId: workshopOfferId,
          },
        ],
      });
      const wrongKind = await send(
        'staff',
        'PUT',
        `/missions/${mission.id}/order`,
        lines(training.offer.offerId),
      );
      expect(wrongKind.status).toBe(422);
      expect(await readJson<ProblemBody>(wrongKind)).toMatchObject({
        code: 'OFFER_KIND_MISMATCH',
        errors: [{ path: 'body/orderLines/1/offerId' }],
      });
      const amended = await send('staff', 'PUT', `/missions/${mission.id}/order`, lines(kept.offer.offerId));
      expect(amended.status).toBe(200);
      expect((await readJson<MissionBody>(amended)).orderLines[1]).toMatchObject({
        offerId: kept.offer.offerId,
      });
      // Retired since, the offer still stands on the line it was sold with; a new line may not name it.
      await send('staff', 'POST', `/catalogue/offers/${kept.offer.offerId}/retire`);
      expect(
        (await send('staff', 'PUT', `/missions/${mission.id}/order`, lines(kept.offer.offerId, 6))).status,
      ).toBe(200);
      const created = await send('coordinator', 'POST', '/missions', {
        ...newMissionBody(),
        ...lines(kept.offer.offerId),
      });
      expect((await readJson<ProblemBody>(created)).code).toBe('OFFER_RETIRED');
    });

    it('moves a session onto another offer of its kind, which its workflow then holds', async () => {
      const session = await planned(await plan(sessionBody('workshop', 24)));
      const other = await readJson<OfferRecord>(
        await send('staff', 'POST', '/catalogue/offers', bodyOf(workshopOffer)),
      );
      const moved = await send('coordinator', 'PATCH', `/missions/${mission.id}/sessions/${session.id}`, {
        startsAt: day(25, 8),
        endsAt: day(25, 11),
        offerId: other.offer.offerId,
      });
      expect(moved.status).toBe(200);
      const after = (await readJson<MissionBody>(moved)).sessions.find((each) => each.id === session.id);
      expect(after?.offer).toEqual({ offerId: other.offer.offerId, version: 1, title: workshopOffer.title });
      await expect
        .poll(async () => (await stateOf(session.id)).offer)
        .toEqual({ offerId: other.offer.offerId, version: 1 });
      const wrongKind = await send('coordinator', 'PATCH', `/missions/${mission.id}/sessions/${session.id}`, {
        startsAt: day(26, 8),
        endsAt: day(26, 11),
        offerId: training.offer.offerId,
      });
      expect((await readJson<ProblemBody>(wrongKind)).code).toBe('OFFER_KIND_MISMATCH');
    });
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
