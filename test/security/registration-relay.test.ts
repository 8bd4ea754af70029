/**
 * Finding 3 of issue #14: a forwarded registration link was an open relay. Anyone holding it
 * registered any address with any text in the name fields, and a convocation went out at once
 * to that address in the association's name; the link could fill every seat, and nobody could
 * revoke it. And finding 7's proof chain: the coordinator who uploads a paper sheet confirmed it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

describe('a forwarded registration link used as a relay', () => {
  let stack: TimeSkippingApi;
  let coordinator: string;
  let base: string;
  const run = randomUUID().slice(0, 8);
  const sent = (address: string) =>
    stack.harness.resend.received.filter((email) => email.to.some((to) => to.includes(address)));

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    const staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    const coordinatorId = `coord-relay-${run}`;
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const now = await stack.env.currentTimeMs();
    const mission = (
      await stack.call(staff, 'POST', '/missions', {
        title: 'Ateliers relais',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: businessDate(new Date(now + 200 * DAY)),
        orderLines: [{ kind: 'workshop', quantity: 4, participantsPerSession: 15, unitPriceCents: 90_000 }],
      })
    ).body as MissionBody;
    const start = now + 3 * DAY;
    const planned = await stack.call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title: 'Atelier relais',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity: 15,
      otherFacilitators: 0,
    });
    base = `/missions/${mission.id}/sessions/${planned.body.sessions[0]?.id}`;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const link = async (cap?: number) => {
    const created = await stack.call<{ id: string; url: string }>(
      coordinator,
      'POST',
      `${base}/registration-links`,
      ...(cap ? [{ cap }] : []),
    );
    expect(created.status).toBe(201);
    return { id: created.body.id, path: new URL(created.body.url).pathname };
  };

  it('refuses a message smuggled in the name fields', async () => {
    const { path } = await link();
    const smuggled = await stack.call<ProblemBody>(null, 'POST', path, {
      email: `victim-${run}@example.org`,
      firstName: 'Bonjour Votre compte expire: https://evil.example/login',
      lastName: 'Support',
    });
    expect(smuggled.status).toBe(422);
    expect(sent(`victim-${run}@`)).toEqual([]);
  });

  it('stops letting people through once the link reaches its cap, or once it is revoked', async () => {
    const capped = await link(1);
    expect(
      (
        await stack.call(null, 'POST', capped.path, {
          email: `one-${run}@example.org`,
          firstName: 'Ana',
          lastName: 'Un',
        })
      ).status,
    ).toBe(202);
    const second = await stack.call<ProblemBody>(null, 'POST', capped.path, {
      email: `two-${run}@example.org`,
      firstName: 'Ben',
      lastName: 'Deux',
    });
    expect([second.status, second.body.code]).toEqual([409, 'REGISTRATION_LINK_FULL']);
    const revocable = await link();
    expect(
      (await stack.call(coordinator, 'DELETE', `${base}/registration-links/${revocable.id}`)).status,
    ).toBe(204);
    const afterRevoke = await stack.call<ProblemBody>(null, 'POST', revocable.path, {
      email: `three-${run}@example.org`,
      firstName: 'Cléo',
      lastName: 'Trois',
    });
    expect([afterRevoke.status, afterRevoke.body.code]).toEqual([410, 'REGISTRATION_LINK_REVOKED']);
    // A request made before the link was withdrawn cannot be confirmed after.
    const pending = await link();
    const address = `pending-${run}@example.org`;
    expect(
      (
        await stack.call(null, 'POST', pending.path, {
          email: address,
          firstName: 'Dora',
          lastName: 'Quatre',
        })
      ).status,
    ).toBe(202);
    await expect.poll(() => sent(address).length).toBe(1);
    const confirmation = /http:\/\/missions\.test(\/links\/registration-confirmations\/[A-Za-z0-9._-]+)/.exec(
      sent(address)[0]?.text ?? '',
    )?.[1];
    expect((await stack.call(coordinator, 'DELETE', `${base}/registration-links/${pending.id}`)).status).toBe(
      204,
    );
    const late = await stack.call<ProblemBody>(null, 'POST', String(confirmation));
    expect([late.status, late.body.code]).toEqual([410, 'REGISTRATION_LINK_REVOKED']);
  });
  it('sends a stranger’s address one confirmation carrying nothing the requester typed, and no convocation', async () => {
    const { path } = await link();
    const address = `stranger-${run}@example.org`;
    expect(
      (await stack.call(null, 'POST', path, { email: address, firstName: 'Mallory', lastName: 'Spam' }))
        .status,
    ).toBe(202);
    await expect.poll(() => sent(address).length).toBe(1);
    const [only] = sent(address);
    expect(only?.subject).toContain('Confirmez votre inscription');
    expect(`${only?.text} ${only?.html}`).not.toMatch(/Mallory|Spam/);
    await stack.env.sleep(3 * DAY);
    expect(sent(address)).toHaveLength(1);
  });
});
