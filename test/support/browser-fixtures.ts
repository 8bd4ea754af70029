/**
 * What the coordinator and staff do through the JSON API before anyone gets an e-mail: a mission,
 * its sessions, facilitators in the directory, invitations, participants, links to forward.
 * Every call is checked, so a browser test fails where its setup went wrong, not later.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Language } from '../../workflows/messages/domain.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import type { BrowserStack, Method } from './browser-stack.ts';
import type { MissionBody } from './http.ts';
import { TEST_PUBLIC_BASE_URL } from './worker-harness.ts';

export interface PlannedSession {
  missionId: string;
  sessionId: string;
  /** `/missions/<id>/sessions/<id>`: the session's JSON routes. */
  base: string;
  title: string;
}

export interface SessionPlan {
  kind?: 'training' | 'workshop';
  /** First day, counted from the test server's today. */
  inDays?: number;
  days?: number;
  from?: string;
  to?: string;
  language?: Language;
  capacity?: number;
  otherFacilitators?: number;
  title?: string;
}

export interface Fixtures {
  run: string;
  staff: string;
  coordinator: string;
  coordinatorEmail: string;
  /** A checked JSON call: fails the test when the status is not the one expected. */
  /** `token` null: as the holder of an e-mail link, who has no account. */
  expectCall<T>(
    token: string | null,
    method: Method,
    path: string,
    status: number,
    body?: object,
  ): Promise<T>;
  mission(sector?: 'company' | 'education'): Promise<string>;
  session(missionId: string, plan?: SessionPlan): Promise<PlannedSession>;
  facilitator(name: string, overrides?: Record<string, unknown>): Promise<{ id: string; email: string }>;
  invite(session: PlannedSession, facilitatorId: string, facilitatorStatus?: string): Promise<void>;
  register(
    session: PlannedSession,
    people: { email: string; firstName: string; lastName: string }[],
  ): Promise<void>;
  /** The paper path: presence per participant and half-day, the signed sheet uploaded and confirmed. */
  paperAttendance(
    session: PlannedSession,
    presence: { participantId: string; halfDays: boolean[] }[],
  ): Promise<void>;
  /** A link the API hands out for forwarding, on the listening server. */
  forwardLink(session: PlannedSession, kind: 'registration-links' | 'share-links'): Promise<string>;
}

export async function fixtures(stack: BrowserStack): Promise<Fixtures> {
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-${run}`;
  const coordinatorEmail = `coord-${run}@example.org`;
  const staff = await stack.token({ subject: 'staff-1', role: 'staff' });
  const coordinator = await stack.token({ subject: coordinatorId, role: 'coordinator' });
  let sessions = 0;

  async function expectCall<T>(
    token: string | null,
    method: Method,
    path: string,
    status: number,
    body?: object,
  ) {
    const response = await stack.call<T>(token, method, path, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
    return response.body;
  }

  return {
    run,
    staff,
    coordinator,
    coordinatorEmail,
    expectCall,
    async mission(sector = 'company') {
      const today = businessDate(stack.now());
      const mission = await expectCall<MissionBody>(staff, 'POST', '/missions', 201, {
        title: 'Formations premiers secours',
        client: { name: `Client ${run}` },
        sector,
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: coordinatorEmail },
        endDate: addDays(today, 400),
        orderLines: [
          { kind: 'training', quantity: 20, participantsPerSession: 12, unitPriceCents: 250_000 },
          { kind: 'workshop', quantity: 20, participantsPerSession: 12, unitPriceCents: 90_000 },
        ],
      });
      return mission.id;
    },
    async session(missionId, plan = {}) {
      sessions += 1;
      const title = plan.title ?? `Premiers secours ${sessions}`;
      const first = addDays(businessDate(stack.now()), plan.inDays ?? 20);
      const planned = await expectCall<MissionBody>(
        coordinator,
        'POST',
        `/missions/${missionId}/sessions`,
        201,
        {
          kind: plan.kind ?? 'training',
          title,
          startsAt: zonedInstant(first, plan.from ?? '09:00', 'Europe/Paris').toISOString(),
          endsAt: zonedInstant(
            addDays(first, (plan.days ?? 1) - 1),
            plan.to ?? '17:00',
            'Europe/Paris',
          ).toISOString(),
          location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
          capacity: plan.capacity ?? 12,
          otherFacilitators: plan.otherFacilitators ?? 1,
          ...(plan.language ? { language: plan.language } : {}),
        },
      );
      const sessionId = planned.sessions.find((candidate) => candidate.title === title)?.id ?? '';
      return { missionId, sessionId, base: `/missions/${missionId}/sessions/${sessionId}`, title };
    },
    async facilitator(name, overrides = {}) {
      const id = `${name
        .normalize('NFD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase()}-${run}`;
      const email = `${id}@example.org`;
      // The directory dates checks by the wall clock, not the test server's skipped time.
      const today = businessDate(new Date());
      await expectCall(staff, 'POST', '/facilitators', 201, {
        id,
        firstName: name,
        lastName: 'Martin',
        email,
        country: 'FR',
        trainingProviderNumber: '11755555575',
        complianceCheckedOn: today,
        compliantUntil: addDays(today, 600),
        ...overrides,
      });
      return { id, email };
    },
    async invite(session, facilitatorId, facilitatorStatus = 'paid') {
      await expectCall(coordinator, 'POST', `${session.base}/invitations`, 201, {
        facilitatorId,
        facilitatorStatus,
      });
    },
    async register(session, people) {
      await expectCall(coordinator, 'POST', `${session.base}/participants`, 200, { participants: people });
    },
    async paperAttendance(session, presence) {
      await expectCall(coordinator, 'PUT', `${session.base}/attendance`, 200, { presence });
      const uploaded = await fetch(`${stack.baseUrl}${session.base}/attendance-sheet/signed`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
        body: Buffer.from('%PDF-1.4\n% feuille signée\n'),
      });
      expect(uploaded.status, await uploaded.text()).toBe(200);
      await expectCall(staff, 'POST', `${session.base}/attendance-sheet/confirm`, 200);
    },
    async forwardLink(session, kind) {
      const { url } = await expectCall<{ url: string }>(
        coordinator,
        'POST',
        `${session.base}/${kind}`,
        201,
        {},
      );
      expect(url.startsWith(`${TEST_PUBLIC_BASE_URL}/`), url).toBe(true);
      return `${stack.baseUrl}${url.slice(TEST_PUBLIC_BASE_URL.length)}`;
    },
  };
}
