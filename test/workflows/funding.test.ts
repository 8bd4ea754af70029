/**
 * Training funding on the time-skipping server through the API: proposal documents, full /
 * partial / refused decisions (by staff or the client's link), silence with both reminders, the
 * escalation and the day-before notice on their days, a decision after cancellation, forged links.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../activities/format/french.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import { missionWorkflowId } from '../../workflows/messages/mission.ts';
import { AwaitingFundingKey } from '../../workflows/messages/search-attributes.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import { type RunningWorker, STAFF_EMAIL } from '../support/worker-harness.ts';

interface Funding {
  status: string | null;
  decision: { outcome: string; automatic: boolean; agreementNumber: string | null } | null;
  proposal: { number: string; documentIds: string[] } | null;
  billing: { totalCents: number; fundedCents: number; clientCents: number } | null;
  keptAfterRefusal: boolean;
}

const company = (contactEmail: string) => ({
  type: 'company',
  companyName: 'Boulangeries Dupont SAS',
  siret: '12345678901234',
  managerName: 'Marie Dupont',
  trainingContactName: 'Paul Martin',
  phone: '04 72 00 00 00',
  address: { street: '3 place du Marché', postalCode: '69001', city: 'Lyon' },
  trainingPlace: 'Lyon',
  contactEmail,
});

describe('training funding (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let staff: string;
  let coordinator: string;
  let missionId = '';
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-funding-${run}`;
  let sessionCount = 0;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const today = businessDate(new Date(await env.currentTimeMs()));
    missionId = (
      await call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formations sécurité',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: addDays(today, 300),
        orderLines: [
          { kind: 'training', quantity: 8, participantsPerSession: 12, unitPriceCents: 250_000 },
          { kind: 'workshop', quantity: 2, participantsPerSession: 12, unitPriceCents: 50_000 },
        ],
      })
    ).body.id;
  });
  afterAll(async () => stack?.stop());

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);

  /** A training starting `inDays` days from now (09:00–17:00 Paris), with an OPCO request sent. */
  async function fundedTraining(inDays: number, kind: 'training' | 'workshop' = 'training') {
    sessionCount += 1;
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), inDays);
    const title = `Sécurité ${sessionCount}`;
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind,
      title,
      startsAt: zonedInstant(day, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(day, '17:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 10,
      otherFacilitators: 0,
    });
    const sessionId = planned.body.sessions.find((session) => session.title === title)?.id ?? '';
    const contact = `contact-${sessionCount}-${run}@example.org`;
    const base = `/missions/${missionId}/sessions/${sessionId}/funding`;
    return { sessionId, contact, base, start: zonedInstant(day, '09:00', 'Europe/Paris') };
  }

  async function requestAndSend(base: string, contact: string) {
    const set = await call<Funding>(coordinator, 'PUT', base, {
      kind: 'opco',
      client: company(contact),
      expenses: [
        { label: 'Train Paris–Lyon', category: 'travel', amountCents: 12_000 },
        { label: 'Hôtel', category: 'lodging', amountCents: 9_550 },
      ],
    });
    expect([set.status, set.body.status]).toEqual([200, 'proposal_pending']);
    const sent = await call<Funding>(coordinator, 'POST', `${base}/proposal`);
    expect([sent.status, sent.body.status]).toEqual([200, 'awaiting_decision']);
    return sent.body;
  }

  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);
  const to = (address: string) => (email: ReceivedEmail) =>
    email.to.some((recipient) => recipient.includes(address));
  const funding = async (base: string) => (await call<Funding>(coordinator, 'GET', base)).body;
  const awaitingOnMission = async () =>
    (await env.client.workflow.getHandle(missionWorkflowId(missionId)).describe()).typedSearchAttributes.get(
      AwaitingFundingKey,
    );
  const sleepUntil = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));
  const code = (response: { body: unknown }) => (response.body as ProblemBody).code;

  it('sends the quote, agreement and programme, then records full funding decided by staff', async () => {
    const { base, contact } = await fundedTraining(40);
    await requestAndSend(base, contact);
    await expect.poll(() => mails(to(contact)).length).toBe(1);
    const proposal = mails(to(contact))[0];
    expect(proposal?.attachments.map((file) => file.filename.split('-')[0]).sort()).toEqual([
      'convention',
      'devis',
      'programme',
    ]);
    // French amounts use a narrow no-break space between thousands.
    expect((proposal?.text ?? '').replace(/\s/g, ' ')).toContain('2 715,50 €');
    await expect.poll(awaitingOnMission).toBe(1);

    const withRefusal = await call(staff, 'POST', `${base}/decision`, {
      outcome: 'refused',
      agreementNumber: 'PEC-1',
    });
    expect([withRefusal.status, code(withRefusal)]).toEqual([422, 'VALIDATION_FAILED']);
    expect(JSON.stringify((withRefusal.body as { errors?: unknown }).errors)).toContain('agreementNumber');
    const tooLong = await call(staff, 'POST', `${base}/decision`, {
      outcome: 'full',
      agreementNumber: 'A'.repeat(51),
    });
    expect([tooLong.status, code(tooLong)]).toEqual([422, 'VALIDATION_FAILED']);
    expect(JSON.stringify((tooLong.body as { errors?: unknown }).errors)).toContain('agreementNumber');
    const badCharacters = await call(staff, 'POST', `${base}/decision`, {
      outcome: 'full',
      agreementNumber: 'PEC<script>',
    });
    expect([badCharacters.status, code(badCharacters)]).toEqual([422, 'VALIDATION_FAILED']);

    const decided = await call(staff, 'POST', `${base}/decision`, {
      outcome: 'full',
      agreementNumber: '  PEC-2027/0042 ',
    });
    expect(decided.status).toBe(202);
    await expect.poll(async () => (await funding(base)).status).toBe('funded');
    expect((await funding(base)).decision).toMatchObject({
      outcome: 'full',
      automatic: false,
      agreementNumber: 'PEC-2027/0042',
    });
    expect((await funding(base)).billing).toEqual({
      totalCents: 271_550,
      fundedCents: 271_550,
      clientCents: 0,
    });
    await expect.poll(awaitingOnMission).toBe(0);
    await expect
      .poll(() => mails((email) => email.subject.startsWith('Financement : prise en charge totale')).length)
      .toBe(1);
    const twice = await call(staff, 'POST', `${base}/decision`, { outcome: 'refused' });
    expect([twice.status, code(twice)]).toEqual([409, 'FUNDING_CLOSED']);
  });

  it("takes a partial decision from the client's link once, billing the client for the rest", async () => {
    const { base, contact } = await fundedTraining(40);
    await requestAndSend(base, contact);
    await expect.poll(() => mails(to(contact)).length).toBe(1);
    const link =
      /http:\/\/missions\.test(\/links\/funding-decisions\/[A-Za-z0-9._-]+)/.exec(
        mails(to(contact))[0]?.text ?? '',
      )?.[1] ?? '';
    const tooMuch = await call(null, 'POST', link, { outcome: 'partial', amountCents: 271_550 });
    expect([tooMuch.status, code(tooMuch)]).toEqual([422, 'FUNDING_AMOUNT_INVALID']);
    const forged = await call(null, 'POST', `${link.slice(0, -3)}abc`, { outcome: 'full' });
    expect([forged.status, code(forged)]).toEqual([401, 'LINK_INVALID']);
    expect(
      (
        await call(null, 'POST', link, {
          outcome: 'partial',
          amountCents: 200_000,
          agreementNumber: 'AF 12.7',
        })
      ).status,
    ).toBe(202);
    const reused = await call(null, 'POST', link, { outcome: 'full' });
    expect([reused.status, code(reused)]).toEqual([409, 'LINK_ALREADY_USED']);
    await expect.poll(async () => (await funding(base)).status).toBe('partially_funded');
    expect((await funding(base)).billing).toEqual({
      totalCents: 271_550,
      fundedCents: 200_000,
      clientCents: 71_550,
    });
    expect((await funding(base)).decision?.agreementNumber).toBe('AF 12.7');
  });

  it('asks the coordinator after a refusal, who may keep the training with the client paying', async () => {
    const { base, contact } = await fundedTraining(40);
    await requestAndSend(base, contact);
    const early = await call(coordinator, 'POST', `${base}/keep`);
    expect([early.status, code(early)]).toEqual([409, 'FUNDING_NOT_REFUSED']);
    await call(staff, 'POST', `${base}/decision`, { outcome: 'refused' });
    await expect.poll(async () => (await funding(base)).status).toBe('refused');
    await expect
      .poll(() => mails((email) => email.subject.startsWith('Financement : refus de prise en charge')).length)
      .toBe(1);
    expect(mails((email) => email.subject.startsWith('Financement : refus'))[0]?.text).toContain(
      'Souhaitez-vous maintenir la session',
    );
    const kept = await call<Funding>(coordinator, 'POST', `${base}/keep`);
    expect([kept.status, kept.body.keptAfterRefusal, kept.body.billing?.clientCents]).toEqual([
      200,
      true,
      271_550,
    ]);
  });

  it('reminds the client at D-21 and D-14, escalates at D-7 and tells staff the day before that the client pays in full', async () => {
    const { base, contact, start, sessionId } = await fundedTraining(30);
    await requestAndSend(base, contact);
    const reminders = () =>
      mails((email) => to(contact)(email) && email.subject.startsWith('Rappel : décision de financement'));
    const escalations = () =>
      mails((email) => email.to.includes(STAFF_EMAIL) && email.subject.includes(`Sécurité ${sessionCount}`));
    const DAY = 24 * 3600_000;
    const at = (daysBefore: number, hours: number) =>
      new Date(start.getTime() - daysBefore * DAY + hours * 3600_000);

    await sleepUntil(at(21, -1));
    expect(reminders()).toHaveLength(0);
    await sleepUntil(at(21, 1));
    await expect
      .poll(() => reminders().map((email) => email.subject.match(/dans (\d+) jours/)?.[1]))
      .toEqual(['21']);
    await sleepUntil(at(14, 1));
    await expect.poll(() => reminders().length).toBe(2);
    await sleepUntil(at(7, -1));
    expect(escalations()).toHaveLength(0);
    await sleepUntil(at(7, 1));
    await expect
      .poll(() => escalations().map((email) => email.subject.split(' — ')[0]))
      .toEqual(['Alerte : financement sans décision à J-7']);
    await sleepUntil(at(1, 1));
    await expect.poll(() => escalations().length).toBe(2);
    expect(escalations()[1]?.subject).toMatch(/^Facturation intégrale au client/);
    await expect.poll(async () => (await funding(base)).status).toBe('no_decision');
    expect((await funding(base)).billing).toEqual({
      totalCents: 271_550,
      fundedCents: 0,
      clientCents: 271_550,
    });
    await recordHistory(env.client.workflow.getHandle(`funding-${sessionId}`), 'funding-silent');
  });

  it('follows the training when it moves: reminders count from the new date, none at the old one', async () => {
    const { base, contact, start, sessionId } = await fundedTraining(25);
    await requestAndSend(base, contact);
    const DAY = 24 * 3600_000;
    const reminders = () =>
      mails((email) => to(contact)(email) && email.subject.startsWith('Rappel : décision de financement'));
    // Moved 20 days later, before its first reminder (day 4) was due.
    const later = new Date(start.getTime() + 20 * DAY);
    const moved = await call(coordinator, 'PATCH', `/missions/${missionId}/sessions/${sessionId}`, {
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 8 * 3600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    await sleepUntil(new Date(start.getTime() - 14 * DAY + 3600_000));
    expect(reminders()).toHaveLength(0);
    await sleepUntil(new Date(later.getTime() - 21 * DAY + 3600_000));
    await expect.poll(() => reminders().length).toBe(1);
    expect(reminders()[0]?.text).toContain(formatDate(later.toISOString()));
    await sleepUntil(new Date(later.getTime() - 14 * DAY + 3600_000));
    await expect.poll(() => reminders().length).toBe(2);
    await call(staff, 'POST', `${base}/decision`, { outcome: 'full' });
    await recordHistory(env.client.workflow.getHandle(`funding-${sessionId}`), 'funding-moved');
  });

  it('refuses a decision once the training is cancelled, and funding on a workshop or with the wrong client', async () => {
    const { base, contact, sessionId } = await fundedTraining(40);
    await requestAndSend(base, contact);
    await call(coordinator, 'POST', `/missions/${missionId}/sessions/${sessionId}/cancel`, {
      reason: 'Budget gelé',
    });
    await expect.poll(awaitingOnMission).toBe(0);
    const late = await call(staff, 'POST', `${base}/decision`, { outcome: 'full' });
    expect(late.status).toBe(409);
    expect(['FUNDING_CLOSED', 'MISSION_CANCELLED', 'SESSION_CLOSED']).toContain(code(late));

    const workshop = await fundedTraining(40, 'workshop');
    const refused = await call(coordinator, 'PUT', workshop.base, {
      kind: 'client',
      client: company(workshop.contact),
      expenses: [],
    });
    expect([refused.status, code(refused)]).toEqual([409, 'FUNDING_ONLY_FOR_TRAININGS']);
    const other = await fundedTraining(40);
    const mismatch = await call(coordinator, 'PUT', other.base, {
      kind: 'opco',
      client: {
        type: 'individual',
        firstName: 'Léa',
        lastName: 'Roux',
        email: 'lea@example.org',
        phone: '0600000000',
        franceTravailId: null,
        agencyLocality: null,
      },
      expenses: [],
    });
    expect([mismatch.status, code(mismatch)]).toEqual([422, 'FUNDING_CLIENT_MISMATCH']);
  });

  it('sends the programme its proposal carried with each convocation: the same sealed PDF, then the calendar file', async () => {
    const { base, contact, start } = await fundedTraining(20);
    await requestAndSend(base, contact);
    await expect.poll(() => mails(to(contact)).length).toBe(1);
    const proposed = mails(to(contact))[0]?.attachments.find((file) =>
      file.filename.startsWith('programme-'),
    );
    expect(proposed?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const participant = `stagiaire-${run}@example.org`;
    const registered = await call(coordinator, 'POST', `${base.replace(/\/funding$/, '')}/participants`, {
      participants: [{ email: participant, firstName: 'Inès', lastName: 'Benali' }],
    });
    expect(registered.status).toBe(200);
    await sleepUntil(new Date(start.getTime() - 7 * 24 * 3600_000 + 3600_000));
    const convocation = () =>
      mails((email) => to(participant)(email) && email.subject.startsWith('Convocation'))[0];
    await expect.poll(convocation, { timeout: 60_000 }).toBeDefined();
    expect(convocation()?.attachments.map((file) => file.filename)).toEqual([
      proposed?.filename,
      'convocation.ics',
    ]);
    expect(convocation()?.attachments[0]?.bytes.equals(proposed?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(convocation()?.text).toContain(
      'Vous trouverez en pièces jointes le programme de la formation et un fichier agenda (.ics)',
    );
  });
});
