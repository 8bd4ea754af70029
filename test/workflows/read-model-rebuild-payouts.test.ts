/**
 * The rebuild gives back a mission's provider payouts from their own workflows. On the
 * time-skipping server (a session has to end before anyone is paid), which lists no workflows:
 * the mission is reconciled by id, as the rebuild does for each mission it lists.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mode, reconcileMission } from '../../activities/read-model/rebuild/reconcile.ts';
import {
  createScratchTables,
  dropScratchTables,
  homeSchema,
} from '../../activities/read-model/rebuild/scratch.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate, businessMonth, firstDayOfNextMonth } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

describe('read model rebuild of provider payouts (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let staff = '';
  let coordinator = '';
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-rebuild-${run}`;
  const facilitatorId = `lea-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    env = stack.env;
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });
  afterAll(async () => stack?.stop());

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);
  const paris = (date: string, time: string) => zonedInstant(date, time, 'Europe/Paris');

  async function reconcile(missionId: string, mode: Mode) {
    return stack.harness.pool.connect(async (connection) => {
      const home = await homeSchema(connection);
      await createScratchTables(connection, home);
      try {
        return await reconcileMission(
          { connection, home, client: env.client, queryTimeoutMs: 10_000 },
          missionId,
          mode,
        );
      } finally {
        await dropScratchTables(connection);
      }
    });
  }

  /** A mission whose one session has ended, its attendance proven and its facilitator's payout invoiced. */
  async function paidMission(): Promise<{ missionId: string; sessionId: string }> {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = `${firstDayOfNextMonth(businessMonth(new Date(`${today}T12:00:00Z`))).slice(0, 7)}-10`;
    const checkedOn = businessDate(new Date());
    expect(
      (
        await call(staff, 'POST', '/facilitators', {
          id: facilitatorId,
          firstName: 'Léa',
          lastName: 'Martin',
          email: `${facilitatorId}@example.org`,
          country: 'FR',
          trainingProviderNumber: '11755555575',
          complianceCheckedOn: checkedOn,
          compliantUntil: addDays(checkedOn, 700),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(staff, 'PUT', `/facilitators/${facilitatorId}/billing`, {
          billingName: null,
          billingAddress: '8 rue des Carmes, 31000 Toulouse',
          siret: '12345678900012',
          vatNumber: null,
          vatRatePercent: null,
          selfBillingMandateSignedOn: today,
        })
      ).status,
    ).toBe(200);
    const created = await call<MissionBody>(staff, 'POST', '/missions', {
      title: 'Ateliers reconstruits',
      client: { name: `Collège ${run}` },
      sector: 'education',
      dealType: 'subcontracting',
      coordinator: { id: coordinatorId, name: 'Alex Durand', email: `${coordinatorId}@example.org` },
      endDate: addDays(day, 60),
      orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 30, unitPriceCents: 90_000 }],
    });
    const missionId = created.body.id;
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind: 'workshop',
      title: 'Atelier payé',
      startsAt: paris(day, '09:00').toISOString(),
      endsAt: paris(day, '12:00').toISOString(),
      location: { mode: 'onsite', address: '2 allée des Tilleuls, 31000 Toulouse' },
      capacity: 30,
      otherFacilitators: 0,
    });
    const sessionId = planned.body.sessions[0]?.id ?? '';
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    expect(
      (await call(coordinator, 'POST', `${base}/invitations`, { facilitatorId, facilitatorStatus: 'paid' }))
        .status,
    ).toBe(201);
    const invitation = () =>
      stack.harness.resend.received.find(
        (email) =>
          email.to.some((to) => to.includes(`${facilitatorId}@`)) &&
          email.subject.startsWith('Invitation à animer'),
      );
    await expect.poll(() => invitation()).toBeDefined();
    const link = /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
      invitation()?.text ?? '',
    )?.[1];
    expect((await call(null, 'POST', `${link}/accept`, {})).status).toBe(200);

    const end = paris(day, '13:00').getTime();
    await env.sleep(end - (await env.currentTimeMs()));
    expect((await call(coordinator, 'PUT', `${base}/attendance`, { presence: [] })).status).toBe(200);
    const uploaded = await stack.app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% feuille signée\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    expect((await call(staff, 'POST', `${base}/attendance-sheet/confirm`)).status).toBe(200);
    await expect
      .poll(
        async () =>
          (await call<{ items: { status: string }[] }>(coordinator, 'GET', `/missions/${missionId}/payouts`))
            .body.items[0]?.status,
      )
      .toBe('eligible');
    expect((await call(coordinator, 'POST', `/missions/${missionId}/payout-requests`)).status).toBe(201);
    await expect
      .poll(
        async () =>
          (
            await call<{ payouts: { status: string }[] }>(
              coordinator,
              'GET',
              `/missions/${missionId}/payouts`,
            )
          ).body.payouts[0]?.status,
      )
      .toBe('invoiced');
    return { missionId, sessionId };
  }

  it('gives back the payouts and staffing answers once their rows are lost', async () => {
    const { missionId, sessionId } = await paidMission();
    const reads = [
      `/missions/${missionId}/payouts`,
      `/missions/${missionId}/sessions/${sessionId}/staffing`,
      `/missions/${missionId}`,
    ];
    const answers = () =>
      Promise.all(reads.map(async (path) => JSON.stringify(await call(coordinator, 'GET', path))));
    await expect.poll(async () => (await reconcile(missionId, 'check')).outcome).toBe('unchanged');
    const before = await answers();

    await stack.harness.pool.query(sql.unsafe`delete from provider_payouts where mission_id = ${missionId}`);
    await stack.harness.pool.query(
      sql.unsafe`delete from session_invitations where mission_id = ${missionId}`,
    );
    const check = await reconcile(missionId, 'check');
    expect(check.outcome).toBe('different');
    expect(check.differences.map((difference) => difference.field.replace(/\[.*\]/, '[…]')).sort()).toEqual([
      'provider_payouts[…]',
      'session_invitations[…]',
    ]);

    expect((await reconcile(missionId, 'rebuild')).outcome).toBe('repaired');
    expect(await answers()).toEqual(before);
    expect((await reconcile(missionId, 'rebuild')).outcome).toBe('unchanged');
  }, 120_000);
});
