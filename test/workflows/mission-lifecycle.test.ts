/**
 * A mission across months on the time-skipping test server, driven through the real API
 * (Fastify inject) with a real worker and Postgres: planning, moves, cancellations, children
 * starting and ending, the planning reminder and escalation on their day, and every refusal.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { listAuditEvents } from '../../db/queries/audit-events.ts';
import { listEmailLog } from '../../db/queries/email-log.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { missionStateQuery, missionWorkflowId } from '../../workflows/messages/mission.ts';
import { sessionStateQuery, sessionWorkflowId } from '../../workflows/messages/session.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import { type RunningWorker, STAFF_EMAIL } from '../support/worker-harness.ts';

const DAY = 24 * 3600_000;
const coordinator: Actor = { subject: 'coord-months', role: 'coordinator' };
const staff: Actor = { subject: 'staff-1', role: 'staff' };

describe('a mission across months (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let app: FastifyInstance;
  let tokens: Record<'coordinator' | 'staff', string>;
  let startMs: number;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness, app } = stack);
    tokens = {
      coordinator: await mintToken(TEST_JWT_SECRET, coordinator),
      staff: await mintToken(TEST_JWT_SECRET, staff),
    };
    startMs = await env.currentTimeMs();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function call<T = MissionBody>(
    as: 'coordinator' | 'staff',
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    body?: object,
  ) {
    const response = await app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tokens[as]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(url === '/missions' ? { 'idempotency-key': `months-${startMs}` } : {}),
      },
      ...(body ? { payload: body } : {}),
    });
    return { status: response.statusCode, body: response.json() as T };
  }

  /** An instant `days` after the test began, at `hour`:00 UTC. */
  const at = (days: number, hour = 9) => {
    const date = new Date(startMs + days * DAY);
    date.setUTCHours(hour, 0, 0, 0);
    return date.toISOString();
  };
  const session = (kind: 'workshop' | 'training', days: number, title: string) => ({
    kind,
    title,
    startsAt: at(days, 8),
    endsAt: at(days, kind === 'training' ? 16 : 11),
    location: { mode: 'onsite', address: '12 rue de la Paix, 75002 Paris' },
    capacity: 12,
    otherFacilitators: 1,
  });

  it('plans, moves and cancels sessions, runs them, reminds and escalates on the right days, and refuses what the rules forbid', async () => {
    const endDate = businessDate(new Date(startMs + 120 * DAY));
    const created = await call('coordinator', 'POST', '/missions', {
      title: 'Parcours climat',
      client: { name: 'Acme SA' },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: coordinator.subject, name: 'Camille Martin', email: 'camille@example.org' },
      endDate,
      orderLines: [
        { kind: 'workshop', quantity: 3, participantsPerSession: 15, unitPriceCents: 90_000 },
        { kind: 'training', quantity: 1, participantsPerSession: 12, unitPriceCents: 250_000 },
      ],
    });
    expect(created.status).toBe(201);
    const missionUrl = `/missions/${created.body.id}`;

    const planned: string[] = [];
    for (const [kind, days, title] of [
      ['workshop', 10, 'Atelier 1'],
      ['workshop', 20, 'Atelier 2'],
      ['workshop', 30, 'Atelier 3'],
      ['training', 40, 'Formation'],
    ] as const) {
      const response = await call(
        'coordinator',
        'POST',
        `${missionUrl}/sessions`,
        session(kind, days, title),
      );
      expect(response.status).toBe(201);
      planned.push(response.body.sessions.find((candidate) => candidate.title === title)?.id ?? '');
    }
    const [first, second, third] = planned;
    const afterPlanning = await call('coordinator', 'GET', missionUrl);
    expect(afterPlanning.body.counters).toEqual([
      { kind: 'workshop', ordered: 3, planned: 3, remaining: 0 },
      { kind: 'training', ordered: 1, planned: 1, remaining: 0 },
    ]);
    expect(afterPlanning.body.nextDeadline).toBe(at(10, 8));

    const fourth = await call<ProblemBody>(
      'coordinator',
      'POST',
      `${missionUrl}/sessions`,
      session('workshop', 50, 'Atelier 4'),
    );
    expect([fourth.status, fourth.body.code]).toEqual([409, 'ORDER_QUANTITY_EXCEEDED']);
    const past = await call<ProblemBody>('coordinator', 'PATCH', `${missionUrl}/sessions/${second}`, {
      startsAt: at(-1, 8),
      endsAt: at(-1, 11),
    });
    expect([past.status, past.body.code]).toEqual([422, 'SESSION_START_IN_PAST']);
    const late = await call<ProblemBody>('coordinator', 'PATCH', `${missionUrl}/sessions/${second}`, {
      startsAt: at(200, 8),
      endsAt: at(200, 11),
    });
    expect([late.status, late.body.code]).toEqual([422, 'SESSION_AFTER_MISSION_END']);
    const short = await call<ProblemBody>('coordinator', 'PATCH', `${missionUrl}/sessions/${second}`, {
      startsAt: at(25, 8),
      endsAt: new Date(Date.parse(at(25, 8)) + 10 * 60_000).toISOString(),
    });
    expect([short.status, short.body.code]).toEqual([422, 'SESSION_TOO_SHORT']);
    expect(short.body.detail).toContain('at least 15 minutes');
    const amendByCoordinator = await call<ProblemBody>('coordinator', 'PUT', `${missionUrl}/order`, {
      orderLines: [],
    });
    expect(amendByCoordinator.status).toBe(422);
    const notStaff = await call<ProblemBody>('coordinator', 'PUT', `${missionUrl}/order`, {
      orderLines: [{ kind: 'workshop', quantity: 5, participantsPerSession: 15, unitPriceCents: 90_000 }],
    });
    expect([notStaff.status, notStaff.body.code]).toEqual([403, 'FORBIDDEN']);
    const belowPlanned = await call<ProblemBody>('staff', 'PUT', `${missionUrl}/order`, {
      orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 }],
    });
    expect([belowPlanned.status, belowPlanned.body.code]).toEqual([409, 'ORDER_BELOW_PLANNED']);

    const moved = await call('coordinator', 'PATCH', `${missionUrl}/sessions/${second}`, {
      startsAt: at(25, 8),
      endsAt: at(25, 11),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.sessions.find((candidate) => candidate.id === second)?.startsAt).toBe(at(25, 8));
    const cancelled = await call('coordinator', 'POST', `${missionUrl}/sessions/${third}/cancel`, {
      reason: 'Le client a réduit le groupe',
    });
    expect(cancelled.body.sessions.find((candidate) => candidate.id === third)?.status).toBe('cancelled');
    expect(cancelled.body.counters[0]).toEqual({ kind: 'workshop', ordered: 3, planned: 2, remaining: 1 });
    const cancelledAgain = await call<ProblemBody>(
      'coordinator',
      'POST',
      `${missionUrl}/sessions/${third}/cancel`,
      { reason: 'encore' },
    );
    expect([cancelledAgain.status, cancelledAgain.body.code]).toEqual([409, 'SESSION_CANCELLED']);
    const unknown = await call<ProblemBody>(
      'coordinator',
      'POST',
      `${missionUrl}/sessions/${crypto.randomUUID()}/cancel`,
      { reason: 'x' },
    );
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SESSION_NOT_FOUND']);

    // Eleven days on, the first workshop has started and ended in its own child workflow.
    await env.sleep(11 * DAY);
    const firstChild = env.client.workflow.getHandle(sessionWorkflowId(first ?? ''));
    // The child lives on after the end, waiting for attendance; its own state says the session ended.
    expect((await firstChild.query(sessionStateQuery)).status).toBe('ended');
    await expect
      .poll(async () => (await call('coordinator', 'GET', missionUrl)).body.sessions[0]?.status)
      .toBe('ended');
    const tooLate = await call<ProblemBody>('coordinator', 'PATCH', `${missionUrl}/sessions/${first}`, {
      startsAt: at(60, 8),
      endsAt: at(60, 11),
    });
    expect([tooLate.status, tooLate.body.code]).toEqual([409, 'SESSION_ALREADY_STARTED']);
    const moveCancelled = await call<ProblemBody>('coordinator', 'PATCH', `${missionUrl}/sessions/${third}`, {
      startsAt: at(60, 8),
      endsAt: at(60, 11),
    });
    expect([moveCancelled.status, moveCancelled.body.code]).toEqual([409, 'SESSION_CANCELLED']);

    // One workshop is still unplanned: reminder 30 days before the end, escalation 14 days before.
    const actions = async () =>
      (await listAuditEvents(harness.pool, created.body.id)).map((event) => event.action);
    await env.sleep(Date.parse(`${addDays(endDate, -30)}T12:00:00Z`) - (await env.currentTimeMs()));
    await expect.poll(actions).toContain('mission.planningReminderSent');
    expect(await actions()).not.toContain('mission.planningEscalationSent');
    await env.sleep(Date.parse(`${addDays(endDate, -14)}T12:00:00Z`) - (await env.currentTimeMs()));
    await expect.poll(actions).toContain('mission.planningEscalationSent');

    const events = await listAuditEvents(harness.pool, created.body.id);
    const sentOn = (action: string) => {
      const event = events.find((candidate) => candidate.action === action);
      return event && businessDate(new Date(event.occurredAt));
    };
    expect(sentOn('mission.planningReminderSent')).toBe(addDays(endDate, -30));
    expect(sentOn('mission.planningEscalationSent')).toBe(addDays(endDate, -14));
    // Mission-level e-mails only: each session sends its own (attendance reminders and so on).
    const emails = (await listEmailLog(harness.pool, created.body.id)).filter(
      (email) => email.sessionId === null,
    );
    expect(emails.map((email) => [email.template, email.recipient])).toEqual([
      ['missionAssigned', 'camille@example.org'],
      ['planningReminder', 'camille@example.org'],
      ['planningEscalation', STAFF_EMAIL],
    ]);
    const reminder = harness.resend.received.find(
      (email) => email.idempotencyKey === `${created.body.id}:planningReminder`,
    );
    expect(reminder?.subject).toBe('Rappel : 1 session(s) à planifier — Parcours climat');

    // Every session has happened by now; staff cancel what is left of the mission.
    const missionHandle = env.client.workflow.getHandle(missionWorkflowId(created.body.id));
    expect(
      (await missionHandle.query(missionStateQuery)).sessions.map((candidate) => candidate.status),
    ).toEqual(['ended', 'ended', 'cancelled', 'ended']);
    const byCoordinator = await call<ProblemBody>('coordinator', 'POST', `${missionUrl}/cancel`, {
      reason: 'Fin',
    });
    expect([byCoordinator.status, byCoordinator.body.code]).toEqual([403, 'FORBIDDEN']);
    const closed = await call('staff', 'POST', `${missionUrl}/cancel`, {
      reason: 'Le client arrête le partenariat',
    });
    expect([closed.status, closed.body.status]).toEqual([200, 'cancelled']);
    expect((await missionHandle.result()).status).toBe('cancelled');
    const afterCancel = await call<ProblemBody>(
      'coordinator',
      'POST',
      `${missionUrl}/sessions`,
      session('workshop', 119, 'Trop tard'),
    );
    expect([afterCancel.status, afterCancel.body.code]).toEqual([409, 'MISSION_CANCELLED']);

    await recordHistory(missionHandle, 'mission-months');
    await recordHistory(firstChild, 'session-ended');
  });

  it('cancels the planned sessions of a cancelled mission and stops their timers', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/missions',
      headers: { authorization: `Bearer ${tokens.staff}`, 'idempotency-key': `cancel-${startMs}` },
      payload: {
        title: 'Atelier unique',
        client: { name: 'Beta SCOP' },
        sector: 'association',
        dealType: 'subcontracting',
        coordinator: { id: coordinator.subject, name: 'Camille Martin', email: 'camille@example.org' },
        endDate: businessDate(new Date((await env.currentTimeMs()) + 200 * DAY)),
        orderLines: [{ kind: 'workshop', quantity: 1, participantsPerSession: 12, unitPriceCents: 50_000 }],
      },
    });
    const mission = response.json() as MissionBody;
    const now = await env.currentTimeMs();
    const plannedSession = await call('coordinator', 'POST', `/missions/${mission.id}/sessions`, {
      ...session('workshop', 0, 'Atelier'),
      startsAt: new Date(now + 30 * DAY).toISOString(),
      endsAt: new Date(now + 30 * DAY + 3 * 3600_000).toISOString(),
    });
    const sessionId = plannedSession.body.sessions[0]?.id ?? '';

    const cancelled = await call('staff', 'POST', `/missions/${mission.id}/cancel`, {
      reason: 'Budget supprimé',
    });
    expect(cancelled.body.sessions[0]).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Budget supprimé',
    });
    const child = env.client.workflow.getHandle(sessionWorkflowId(sessionId));
    expect((await child.result()).status).toBe('cancelled');
    await recordHistory(child, 'session-cancelled');
  });
});
