import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, type ProblemBody, readJson, type SessionBody } from '../support/http.ts';

interface Page {
  items: MissionBody[];
  nextCursor: string | null;
}

describe('reading missions from the read model (dev server)', () => {
  let api: RunningApi;
  const client = `Liste ${randomUUID().slice(0, 8)}`;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    tokens.a = await api.token({ subject: 'coord-a', role: 'coordinator' });
    tokens.b = await api.token({ subject: 'coord-b', role: 'coordinator' });
    tokens.staff = await api.token({ subject: 'staff-1', role: 'staff' });
    tokens.facilitator = await api.token({ subject: 'fac-1', role: 'facilitator' });
    for (const [coordinator, count] of [
      ['coord-a', 3],
      ['coord-b', 2],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        const response = await fetch(`${api.baseUrl}/missions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.staff}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({
            title: `Mission ${coordinator} ${index}`,
            client: { name: client },
            sector: 'education',
            dealType: 'subcontracting',
            coordinator: { id: coordinator, name: coordinator, email: `${coordinator}@example.org` },
            endDate: '2030-06-30',
            orderLines: [
              { kind: 'workshop', quantity: 2, participantsPerSession: 20, unitPriceCents: 40_000 },
            ],
          }),
        });
        expect(response.status).toBe(201);
      }
    }
  });
  afterAll(async () => api?.stop());

  const get = (path: string, token: string) =>
    fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('pages through every mission of a client, newest first, without repeating one', async () => {
    const seen: MissionBody[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await readJson<Page>(
        await get(
          `/missions?client=${encodeURIComponent(client)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          tokens.staff ?? '',
        ),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((mission) => mission.id)).size).toBe(5);
    const created = seen.map((mission) => mission.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('shows a coordinator only their own missions, whatever filter they ask for', async () => {
    const own = await readJson<Page>(
      await get(`/missions?client=${encodeURIComponent(client)}`, tokens.a ?? ''),
    );
    expect(own.items.map((mission) => mission.coordinator.id)).toEqual(['coord-a', 'coord-a', 'coord-a']);
    const others = await readJson<Page>(
      await get(`/missions?client=${encodeURIComponent(client)}&coordinatorId=coord-b`, tokens.a ?? ''),
    );
    expect(others.items).toEqual([]);
  });

  it('filters by status and coordinator for staff', async () => {
    const page = await readJson<Page>(
      await get(
        `/missions?client=${encodeURIComponent(client)}&status=open&coordinatorId=coord-b`,
        tokens.staff ?? '',
      ),
    );
    expect(page.items).toHaveLength(2);
    expect(
      page.items.every((mission) => mission.status === 'open' && mission.coordinator.id === 'coord-b'),
    ).toBe(true);
    const cancelled = await readJson<Page>(
      await get(`/missions?client=${encodeURIComponent(client)}&status=cancelled`, tokens.staff ?? ''),
    );
    expect(cancelled.items).toEqual([]);
  });

  it('refuses a made-up cursor (400) and an unknown status (422)', async () => {
    const cursor = await get('/missions?cursor=bm90LWEtY3Vyc29y', tokens.staff ?? '');
    expect([cursor.status, (await readJson<ProblemBody>(cursor)).code]).toEqual([400, 'INVALID_CURSOR']);
    const status = await get('/missions?status=archived', tokens.staff ?? '');
    expect([status.status, (await readJson<ProblemBody>(status)).code]).toEqual([422, 'VALIDATION_FAILED']);
  });

  it('does not let facilitators list missions', async () => {
    const response = await get('/missions', tokens.facilitator ?? '');
    expect([response.status, (await readJson<ProblemBody>(response)).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('plans a session on the dev server and lists it with its counters and next deadline', async () => {
    const [mission] = (
      await readJson<Page>(
        await get(
          `/missions?client=${encodeURIComponent(client)}&coordinatorId=coord-a&limit=1`,
          tokens.staff ?? '',
        ),
      )
    ).items;
    const startsAt = new Date(Date.now() + 10 * 24 * 3600_000);
    const endsAt = new Date(startsAt.getTime() + 3 * 3600_000);
    const key = randomUUID();
    const plan = () =>
      fetch(`${api.baseUrl}/missions/${mission?.id}/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.a}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({
          kind: 'workshop',
          title: 'Atelier au collège',
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          location: { mode: 'online', url: 'https://visio.example.org/atelier' },
          capacity: 20,
          otherFacilitators: 2,
        }),
      });
    const first = await plan();
    expect(first.status).toBe(201);
    const retried = await plan();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('location')).toBe(first.headers.get('location'));

    const sessions = await readJson<SessionBody[]>(
      await get(`/missions/${mission?.id}/sessions`, tokens.a ?? ''),
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      status: 'planned',
      language: 'fr',
      timeZone: 'Europe/Paris',
      otherFacilitators: 2,
    });
    const detail = await readJson<MissionBody>(await get(`/missions/${mission?.id}`, tokens.a ?? ''));
    expect(detail.counters).toEqual([{ kind: 'workshop', ordered: 2, planned: 1, remaining: 1 }]);
    expect(detail.nextDeadline).toBe(startsAt.toISOString());
    const hidden = await get(`/missions/${mission?.id}/sessions`, tokens.b ?? '');
    expect(hidden.status).toBe(404);
  });
});
