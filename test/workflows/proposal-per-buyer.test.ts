/**
 * The proposal a session sends is the buyer's contract (workflows/rules/contract.ts), end to end
 * on the time-skipping server through the API: a person paying themselves receives the contrat de
 * formation professionnelle and never the agreement; a CPF learner receives the programme and the
 * quote and is told to book on Mon Compte Formation. Each attachment is a sealed PDF.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import { pdfBytesText } from '../support/pdf.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import type { RunningWorker } from '../support/worker-harness.ts';

const person = (email: string) => ({
  type: 'individual',
  firstName: 'Éloïse',
  lastName: 'Lefèvre',
  email,
  phone: '06 12 34 56 78',
  franceTravailId: null,
  agencyLocality: null,
});

describe('the proposal per buyer (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let coordinator: string;
  let missionId = '';
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-buyer-${run}`;
  let sessions = 0;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness } = stack);
    const staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const today = businessDate(new Date(await env.currentTimeMs()));
    missionId = (
      await stack.call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formations individuelles',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: addDays(today, 300),
        orderLines: [{ kind: 'training', quantity: 4, participantsPerSession: 12, unitPriceCents: 180_000 }],
      })
    ).body.id;
  });
  afterAll(async () => stack?.stop());

  /** Plans a training in 40 days, sets its funding and sends the proposal; returns the e-mail. */
  async function proposalFor(kind: string): Promise<ReceivedEmail> {
    sessions += 1;
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), 40);
    const title = `Animer un atelier ${sessions}`;
    const planned = await stack.call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind: 'training',
      title,
      startsAt: zonedInstant(day, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(day, '17:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 10,
      otherFacilitators: 0,
    });
    const sessionId = planned.body.sessions.find((session) => session.title === title)?.id ?? '';
    const email = `eloise-${sessions}-${run}@example.org`;
    const base = `/missions/${missionId}/sessions/${sessionId}/funding`;
    const set = await stack.call(coordinator, 'PUT', base, { kind, client: person(email), expenses: [] });
    expect(set.status).toBe(200);
    expect((await stack.call(coordinator, 'POST', `${base}/proposal`)).status).toBe(200);
    await expect
      .poll(() => harness.resend.received.filter((mail) => mail.to.some((to) => to.includes(email))).length, {
        timeout: 60_000,
      })
      .toBe(1);
    const mail = harness.resend.received.find((received) => received.to.some((to) => to.includes(email)));
    if (!mail) throw new Error('no proposal e-mail');
    return mail;
  }

  it('a person paying themselves receives the contract with its withdrawal period, not the agreement', async () => {
    const mail = await proposalFor('client');
    expect(mail.attachments.map((file) => file.filename.split('-')[0]).sort()).toEqual([
      'contrat',
      'devis',
      'programme',
    ]);
    const contract = mail.attachments.find((file) => file.filename.startsWith('contrat-formation-'));
    const text = (await pdfBytesText(contract?.bytes ?? Buffer.alloc(0))).replace(/\s+/g, ' ');
    expect(text).toContain('CONTRAT DE FORMATION PROFESSIONNELLE');
    expect(text).toContain('un acompte de 540,00 € est payable, soit 30 % du prix au plus');
    expect((mail.text ?? '').replace(/\s+/g, ' ')).toContain('vous disposez de 14 jours pour vous rétracter');
    expect(mail.text ?? '').not.toContain('convention');
  }, 120_000);

  it('a CPF learner receives the programme and the quote, and is told to book on the platform', async () => {
    const mail = await proposalFor('cpf');
    expect(mail.attachments.map((file) => file.filename.split('-')[0])).toEqual(['programme', 'devis']);
    expect((mail.text ?? '').replace(/\s+/g, ' ')).toContain('moncompteformation.gouv.fr');
    expect(mail.text ?? '').not.toMatch(/votre CPF|convention/);
  }, 120_000);
});
