/**
 * Payouts and closure over a six-month mission, on the time-skipping server through the API:
 * anticipated batches in different months, the one-request-per-month window, items held back by
 * attendance and sheets, self-billing invoices numbered without gaps, an international
 * provider's invoice with its weekly reminders and staff alert, the closure reminder, automatic
 * closure with the coordinator's payout and the billing notice, and the lock afterwards. Then a
 * client introduction, closed by usage-rights declarations instead of payouts.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatEuros } from '../../activities/format/french.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import { setBillingParty } from '../../db/queries/client-invoices.ts';
import { addDays, businessDate, businessMonth, firstDayOfNextMonth } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { pdfBytesSignature, pdfBytesText } from '../support/pdf.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import { BILLING_EMAIL, type RunningWorker, STAFF_EMAIL } from '../support/worker-harness.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface PayoutsView {
  window: { lastRequestedOn: string | null; nextWindowOpensOn: string | null };
  items: {
    sessionId: string;
    facilitator: { id: string };
    role: string;
    status: string;
    holdReasons: string[];
    payoutId: string | null;
  }[];
  payouts: {
    id: string;
    requestId: string;
    provider: { id: string };
    channel: string | null;
    supplierInvoiceReason: string | null;
    status: string;
    totalCents: number | null;
    invoiceNumber: string | null;
    invoiceRemindersSent: number;
    staffAlerted: boolean;
  }[];
}

interface ClosureView {
  status: string;
  closable: boolean;
  checklist: { item: string; done: boolean; blocking: boolean; missing: string[]; gaps: { gap: string }[] }[];
  closure: { automatic: boolean; coordinatorPayoutId: string | null } | null;
}

describe('payouts and closure (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let app: FastifyInstance;
  let staff: string;
  let coordinator: string;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-payouts-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness, app } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);
  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);
  const to = (address: string) => (email: ReceivedEmail) => email.to.some((entry) => entry.includes(address));
  const subject = (prefix: string) => (email: ReceivedEmail) => email.subject.startsWith(prefix);
  const both =
    (...predicates: ((email: ReceivedEmail) => boolean)[]) =>
    (email: ReceivedEmail) =>
      predicates.every((predicate) => predicate(email));
  const linkIn = (email: ReceivedEmail | undefined, kind: string) => {
    const match = new RegExp(`http://missions\\.test(/links/${kind}/[A-Za-z0-9._-]+)`).exec(
      email?.text ?? '',
    );
    if (!match?.[1]) throw new Error(`no ${kind} link in ${JSON.stringify(email?.text)}`);
    return match[1];
  };
  const sleepUntil = async (instant: Date) => {
    const now = await env.currentTimeMs();
    if (instant.getTime() > now) await env.sleep(instant.getTime() - now);
  };
  const paris = (date: string, time: string) => zonedInstant(date, time, 'Europe/Paris');

  async function directoryEntry(id: string, country: string, billing: Record<string, unknown> | null) {
    const today = businessDate(new Date(await env.currentTimeMs()));
    // The directory checks compliance dates against the real clock, not the skipped one.
    const checkedOn = businessDate(new Date());
    const created = await call(staff, 'POST', '/facilitators', {
      id,
      firstName: id.split('-')[0],
      lastName: 'Martin',
      email: `${id}@example.org`,
      country,
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: checkedOn,
      compliantUntil: addDays(checkedOn, 700),
    });
    expect(created.status).toBe(201);
    if (billing) {
      const set = await call(staff, 'PUT', `/facilitators/${id}/billing`, {
        billingName: null,
        billingAddress: '8 rue des Carmes, 31000 Toulouse',
        siret: '12345678900012',
        vatNumber: null,
        vatRatePercent: null,
        selfBillingMandateSignedOn: today,
        ...billing,
      });
      expect(set.status).toBe(200);
    }
    return id;
  }

  async function createMission(dealType: string, quantity: number, endDate: string) {
    const created = await call<MissionBody>(staff, 'POST', '/missions', {
      title: 'Ateliers climat au collège',
      client: { name: `Collège ${run}` },
      sector: 'education',
      dealType,
      coordinator: { id: coordinatorId, name: 'Alex Durand', email: `${coordinatorId}@example.org` },
      endDate,
      orderLines: [{ kind: 'workshop', quantity, participantsPerSession: 30, unitPriceCents: 90_000 }],
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function planSession(missionId: string, day: string, otherFacilitators: number) {
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind: 'workshop',
      title: `Atelier du ${day}`,
      startsAt: paris(day, '09:00').toISOString(),
      endsAt: paris(day, '12:00').toISOString(),
      location: { mode: 'onsite', address: '2 allée des Tilleuls, 31000 Toulouse' },
      capacity: 30,
      otherFacilitators,
    });
    expect(planned.status).toBe(201);
    return planned.body.sessions.find((session) => session.title === `Atelier du ${day}`)?.id ?? '';
  }

  async function staffSession(missionId: string, sessionId: string, facilitatorId: string) {
    const invitations = () => mails(both(to(`${facilitatorId}@`), subject('Invitation à animer')));
    const before = invitations().length;
    const invited = await call(
      coordinator,
      'POST',
      `/missions/${missionId}/sessions/${sessionId}/invitations`,
      {
        facilitatorId,
        facilitatorStatus: 'paid',
      },
    );
    expect(invited.status).toBe(201);
    await expect.poll(() => invitations().length).toBe(before + 1);
    const accepted = await call(null, 'POST', `${linkIn(invitations().at(-1), 'invitations')}/accept`, {});
    expect(accepted.status).toBe(200);
  }

  async function recordAttendance(
    missionId: string,
    sessionId: string,
    sheet: 'confirm' | 'non-compliant' | null,
  ) {
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const recorded = await call(coordinator, 'PUT', `${base}/attendance`, { presence: [] });
    expect(recorded.status).toBe(200);
    if (!sheet) return;
    const uploaded = await app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% feuille signée\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    const verdict =
      sheet === 'confirm'
        ? await call(staff, 'POST', `${base}/attendance-sheet/confirm`)
        : await call(staff, 'POST', `${base}/attendance-sheet/non-compliant`, { reason: 'Horaires absents' });
    expect(verdict.status).toBe(200);
  }

  const payoutsOf = async (missionId: string) =>
    (await call<PayoutsView>(coordinator, 'GET', `/missions/${missionId}/payouts`)).body;
  const closureOf = async (missionId: string) =>
    (await call<ClosureView>(coordinator, 'GET', `/missions/${missionId}/closure`)).body;
  const itemsOf = async (missionId: string, sessionId: string) =>
    (await payoutsOf(missionId)).items.filter((item) => item.sessionId === sessionId);
  const requestPayouts = (missionId: string) =>
    call<ProblemBody & { payouts: { id: string; provider: { id: string } }[] }>(
      coordinator,
      'POST',
      `/missions/${missionId}/payout-requests`,
    );

  it('pays in monthly batches, self-bills without gaps, chases an international invoice, closes and locks', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const months = [firstDayOfNextMonth(businessMonth(new Date(`${today}T12:00:00Z`)))];
    for (let index = 1; index < 6; index += 1)
      months.push(firstDayOfNextMonth((months[index - 1] ?? '').slice(0, 7)));
    const day = (month: number, dayOfMonth: number) =>
      `${months[month]?.slice(0, 7)}-${String(dayOfMonth).padStart(2, '0')}`;

    const fr = await directoryEntry(`lea-${run}`, 'FR', {});
    const intl = await directoryEntry(`jan-${run}`, 'BE', null);
    await directoryEntry(coordinatorId, 'FR', {});
    const missionId = await createMission('subcontracting', 4, day(5, 28));
    const s1 = await planSession(missionId, day(0, 10), 0);
    const s2 = await planSession(missionId, day(1, 12), 1);
    const s3 = await planSession(missionId, day(3, 10), 0);
    const s4 = await planSession(missionId, day(4, 12), 0);
    for (const sessionId of [s1, s2, s3, s4]) await staffSession(missionId, sessionId, fr);
    await staffSession(missionId, s2, intl);

    // Each session tells the mission who staffs it a moment after the acceptance: wait for all
    // five paid places (the second session has two) before asking.
    await expect.poll(async () => (await payoutsOf(missionId)).items.length).toBe(5);

    // Before any session ends there is nothing to request, and the answer says why.
    const early = await requestPayouts(missionId);
    expect([early.status, early.body.code]).toEqual([409, 'NOTHING_TO_REQUEST']);
    expect(early.body.detail).toContain('5 wait for their session to end');

    // Month 1: the first session ends; attendance is recorded but the sheet is not confirmed yet.
    await sleepUntil(paris(day(0, 10), '13:00'));
    await recordAttendance(missionId, s1, null);
    await expect
      .poll(async () => (await itemsOf(missionId, s1)).map((item) => [item.status, ...item.holdReasons]))
      .toEqual([['not_eligible', 'SHEET_NOT_CONFIRMED']]);
    const held = await requestPayouts(missionId);
    expect([held.status, held.body.code]).toEqual([409, 'NOTHING_TO_REQUEST']);
    expect(held.body.detail).toContain('1 waits for the signed sheet to be confirmed compliant');

    const uploaded = await app.inject({
      method: 'PUT',
      url: `/missions/${missionId}/sessions/${s1}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% feuille signée\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    expect(
      (await call(staff, 'POST', `/missions/${missionId}/sessions/${s1}/attendance-sheet/confirm`)).status,
    ).toBe(200);
    await expect.poll(async () => (await itemsOf(missionId, s1))[0]?.status).toBe('eligible');

    // The billing team's first e-mail fails once: the activity retries, the invoice keeps its number.
    harness.resend.failNext(1);
    const first = await requestPayouts(missionId);
    expect(first.status).toBe(201);
    expect(first.body.payouts.map((payout) => payout.provider.id)).toEqual([fr]);
    const again = await requestPayouts(missionId);
    expect([again.status, again.body.code, again.body.nextWindowOpensOn]).toEqual([
      409,
      'PAYOUT_WINDOW_CLOSED',
      day(1, 1),
    ]);
    expect(again.body.detail).toContain(
      `The next window opens on 01/${day(1, 1).slice(5, 7)}/${day(1, 1).slice(0, 4)}`,
    );
    const selfBilled = () => mails(both(to(`${fr}@`), subject('Autofacture AF-')));
    // Invoices go out as PDFs, converted by LibreOffice and sealed first: seconds, not milliseconds.
    const converted = { timeout: 30_000 };
    await expect.poll(() => selfBilled().length, converted).toBe(1);
    await expect
      .poll(() => mails(both(to(BILLING_EMAIL), subject('À payer : autofacture'))).length, converted)
      .toBe(1);
    const firstPayout = (await payoutsOf(missionId)).payouts[0];
    expect(firstPayout).toMatchObject({ channel: 'self_billing', status: 'invoiced', totalCents: 25_000 });
    expect(selfBilled()[0]?.subject).toContain(firstPayout?.invoiceNumber ?? 'missing');
    const invoice = await call<Buffer>(staff, 'GET', `/payouts/${firstPayout?.id}/invoice`);
    expect(invoice.status).toBe(200);
    const invoiceText = (await mammoth.extractRawText({ buffer: invoice.body })).value;
    for (const mention of [
      `FACTURE N° ${firstPayout?.invoiceNumber}`,
      'Autofacturation',
      'SIRET : 12345678900012',
      'TVA non applicable, art. 293 B du CGI',
      'au nom et pour le compte de',
      'indemnité forfaitaire pour frais de recouvrement de 40 €',
      '250,00',
    ])
      expect(invoiceText).toContain(mention);
    expect((await call(coordinator, 'GET', `/payouts/${firstPayout?.id}/invoice`)).status).toBe(403);
    // What the provider received: the same invoice as a sealed PDF, the very bytes of the e-mail.
    const sealed = await call<Buffer>(staff, 'GET', `/payouts/${firstPayout?.id}/invoice?format=pdf`);
    expect(sealed.status).toBe(200);
    expect(sealed.body.equals(selfBilled()[0]?.attachments[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(await pdfBytesText(sealed.body)).toContain(`FACTURE N° ${firstPayout?.invoiceNumber}`);
    expect(await pdfBytesSignature(sealed.body)).toContain('Signature Validation: Signature is Valid.');

    // Staff pay it: the item shows paid, on the mission's payouts and as the session's tag.
    const paid = await call(staff, 'POST', `/payouts/${firstPayout?.id}/paid`, { paidOn: day(0, 20) });
    expect(paid.status).toBe(200);
    expect((await itemsOf(missionId, s1))[0]?.status).toBe('paid');
    const tag = await call<{ payouts: { facilitatorId: string; status: string }[] }>(
      coordinator,
      'GET',
      `/missions/${missionId}/sessions/${s1}/staffing`,
    );
    expect(tag.body.payouts).toEqual([{ facilitatorId: fr, status: 'paid', holdReasons: [] }]);

    // Month 2: the second session ends; its items are held back until attendance is recorded.
    await sleepUntil(paris(day(1, 12), '13:00'));
    await expect
      .poll(async () =>
        (await itemsOf(missionId, s2)).map((item) => [item.role, item.status, ...item.holdReasons]),
      )
      .toEqual([
        ['lead', 'not_eligible', 'ATTENDANCE_NOT_RECORDED'],
        ['co_facilitator', 'not_eligible', 'ATTENDANCE_NOT_RECORDED'],
      ]);
    await sleepUntil(paris(day(1, 14), '10:00'));
    await recordAttendance(missionId, s2, 'confirm');
    await expect
      .poll(async () => (await itemsOf(missionId, s2)).every((item) => item.status === 'eligible'))
      .toBe(true);
    const second = await requestPayouts(missionId);
    expect(second.status).toBe(201);
    expect(second.body.payouts.map((payout) => payout.provider.id).sort()).toEqual([fr, intl].sort());

    // The international provider is asked for their own invoice, reminded weekly, staff told at 30 days.
    const invoiceRequests = () => mails(both(to(`${intl}@`), subject('votre facture pour')));
    const reminders = () => mails(both(to(`${intl}@`), subject('Relance : votre facture')));
    await expect.poll(() => invoiceRequests().length).toBe(1);
    await env.sleep(30 * DAY + HOUR);
    await expect.poll(() => reminders().length).toBe(4);
    await expect
      .poll(
        () => mails(both(to(STAFF_EMAIL), subject('Facture fournisseur attendue depuis 30 jours'))).length,
      )
      .toBe(1);
    const intlPayout = (await payoutsOf(missionId)).payouts.find((payout) => payout.provider.id === intl);
    expect(intlPayout).toMatchObject({
      channel: 'supplier_invoice',
      supplierInvoiceReason: 'international_provider',
      status: 'awaiting_invoice',
      invoiceRemindersSent: 4,
      staffAlerted: true,
    });
    const paidTooEarly = await call<ProblemBody>(staff, 'POST', `/payouts/${intlPayout?.id}/paid`, {
      paidOn: day(2, 20),
    });
    expect([paidTooEarly.status, paidTooEarly.body.code]).toEqual([409, 'PAYOUT_NOT_INVOICED']);

    const uploadLink = linkIn(reminders().at(-1), 'supplier-invoices');
    expect((await call<{ totalCents: number }>(null, 'GET', uploadLink)).body.totalCents).toBe(20_000);
    const upload = (bytes: Buffer) =>
      app.inject({
        method: 'PUT',
        url: uploadLink,
        headers: { 'content-type': 'application/pdf' },
        payload: bytes,
      });
    const fake = await upload(Buffer.from('not a pdf'));
    expect([fake.statusCode, (fake.json() as ProblemBody).code]).toEqual([415, 'UNSUPPORTED_UPLOAD']);
    expect((await upload(Buffer.from('%PDF-1.7\n% facture\n'))).statusCode).toBe(200);
    expect((await upload(Buffer.from('%PDF-1.7\n% encore\n'))).json()).toMatchObject({
      code: 'LINK_ALREADY_USED',
    });
    await expect
      .poll(() => mails(both(to(BILLING_EMAIL), subject('À payer : facture fournisseur'))).length)
      .toBe(1);
    await env.sleep(8 * DAY);
    expect(reminders()).toHaveLength(4);

    // Month 4: the third sheet is judged non-compliant; staff waive it, with a reason.
    await sleepUntil(paris(day(3, 10), '13:00'));
    await recordAttendance(missionId, s3, 'non-compliant');
    await expect
      .poll(async () => (await itemsOf(missionId, s3)).map((item) => item.holdReasons))
      .toEqual([['SHEET_NON_COMPLIANT']]);
    const waiver = await call(staff, 'POST', `/missions/${missionId}/sessions/${s3}/payout-waiver`, {
      reason: 'Feuille refaite par le client, originaux reçus par courrier',
    });
    expect(waiver.status).toBe(200);
    expect((await itemsOf(missionId, s3))[0]?.status).toBe('eligible');

    // Month 5: the last session ends. Nobody requests: the coordinator is reminded 14 days later.
    await sleepUntil(paris(day(4, 12), '13:00'));
    await recordAttendance(missionId, s4, 'confirm');
    const incomplete = await call<ProblemBody>(coordinator, 'POST', `/missions/${missionId}/closure`);
    expect([incomplete.status, incomplete.body.code]).toEqual([409, 'CLOSURE_INCOMPLETE']);
    expect(incomplete.body.detail).toContain('2 payout(s) not requested');
    const checklist = await closureOf(missionId);
    expect(checklist.checklist.filter((item) => !item.done).map((item) => item.item)).toEqual([
      'attendance_compliant',
      'payouts_requested',
    ]);
    const closureReminders = () =>
      mails(both(to(`${coordinatorId}@`), subject('Rappel : clôturer la mission')));
    await sleepUntil(paris(addDays(day(4, 12), 14), '08:00'));
    expect(closureReminders()).toHaveLength(0);
    await sleepUntil(paris(addDays(day(4, 12), 14), '09:30'));
    await expect.poll(() => closureReminders().length).toBe(1);
    // The reminder is French, so is what it lists (it said "2 payout(s) not requested" before).
    expect(closureReminders()[0]?.text).toContain('2 rétributions ne sont pas demandées');
    expect(checklist.checklist.find((item) => item.item === 'payouts_requested')?.gaps).toMatchObject([
      { gap: 'payouts_not_requested', count: 2 },
    ]);

    // The client's billing address, so closure can invoice it (issue #19 item 3).
    await setBillingParty(harness.pool, `client:Collège ${run}`, {
      legalName: `Collège ${run}`,
      addressLine: '3 rue des Écoles',
      postalCode: '69003',
      city: 'Lyon',
      country: 'FR',
      siren: '196912345',
      vatNumber: null,
    });
    // The third batch takes everything left: the mission closes by itself.
    const third = await requestPayouts(missionId);
    expect(third.status).toBe(201);
    await expect.poll(async () => (await closureOf(missionId)).status).toBe('closed');
    const closed = await closureOf(missionId);
    expect(closed.closure).toMatchObject({ automatic: true });
    expect(closed.closure?.coordinatorPayoutId).toBeTruthy();
    await expect
      .poll(() => mails(both(to(`${coordinatorId}@`), subject('Autofacture AF-'))).length, converted)
      .toBe(1);
    const billingNotice = () => mails(both(to(BILLING_EMAIL), subject('À facturer : mission')));
    await expect.poll(() => billingNotice().length).toBe(1);
    expect(billingNotice()[0]?.text).toContain('4 sessions réalisées sur 4 commandées');
    expect(billingNotice()[0]?.text).toContain(`Part à facturer au client : ${formatEuros(360_000)}`);
    // The client's invoices, one per session, numbered in their own series and attached sealed.
    expect(billingNotice()[0]?.text).toContain('Factures émises');
    const invoices = billingNotice()[0]?.attachments ?? [];
    expect(invoices.map((file) => file.filename)).toHaveLength(4);
    for (const file of invoices) {
      expect(file.filename).toMatch(/^facture-f-\d{4}-\d{4}\.pdf$/);
      expect(await pdfBytesSignature(file.bytes)).toContain('Signature is Valid');
    }
    expect(await pdfBytesText(invoices[0]?.bytes ?? Buffer.alloc(0))).toContain(`Collège ${run}`);
    await expect.poll(() => mails(subject('Mission clôturée')).length).toBeGreaterThan(0);
    const coordinatorPayout = (await payoutsOf(missionId)).payouts.find(
      (payout) => payout.id === closed.closure?.coordinatorPayoutId,
    );
    expect(coordinatorPayout).toMatchObject({
      requestId: 'closure',
      channel: 'self_billing',
      totalCents: 20_000,
    });

    // Locked: every command is refused with MISSION_CLOSED.
    const base = `/missions/${missionId}`;
    const refused = [
      await call<ProblemBody>(coordinator, 'POST', `${base}/sessions`, {
        kind: 'workshop',
        title: 'Une de plus',
        startsAt: paris(day(5, 20), '09:00').toISOString(),
        endsAt: paris(day(5, 20), '12:00').toISOString(),
        location: { mode: 'onsite', address: 'Toulouse' },
        capacity: 10,
        otherFacilitators: 0,
      }),
      await call<ProblemBody>(coordinator, 'PATCH', `${base}/sessions/${s4}`, {
        startsAt: paris(day(5, 20), '09:00').toISOString(),
        endsAt: paris(day(5, 20), '12:00').toISOString(),
      }),
      await call<ProblemBody>(coordinator, 'POST', `${base}/sessions/${s4}/cancel`, { reason: 'trop tard' }),
      await call<ProblemBody>(staff, 'PUT', `${base}/order`, {
        orderLines: [{ kind: 'workshop', quantity: 5, participantsPerSession: 30, unitPriceCents: 90_000 }],
      }),
      await call<ProblemBody>(staff, 'POST', `${base}/cancel`, { reason: 'trop tard' }),
      await call<ProblemBody>(coordinator, 'POST', `${base}/sessions/${s4}/invitations`, {
        facilitatorId: intl,
        facilitatorStatus: 'paid',
      }),
      await call<ProblemBody>(coordinator, 'POST', `${base}/sessions/${s4}/participants`, {
        participants: [{ email: `late-${run}@example.org`, firstName: 'A', lastName: 'B' }],
      }),
      await call<ProblemBody>(coordinator, 'PUT', `${base}/sessions/${s4}/attendance`, { presence: [] }),
      await call<ProblemBody>(coordinator, 'POST', `${base}/payout-requests`),
      await call<ProblemBody>(staff, 'POST', `${base}/sessions/${s4}/payout-waiver`, { reason: 'x' }),
      await call<ProblemBody>(coordinator, 'POST', `${base}/closure`),
    ];
    expect(refused.map((response) => [response.status, response.body.code])).toEqual(
      refused.map(() => [409, 'MISSION_CLOSED']),
    );

    // Every self-billing invoice number of every series is used once, without gaps.
    const series = await harness.pool.any(sql.type(
      z.object({ series: z.string(), count: z.number(), distinct: z.number(), highest: z.number() }),
    )`
      select series, count(*)::int as count, count(distinct number)::int as distinct, max(number) as highest
      from self_billing_invoices group by series`);
    for (const row of series) expect([row.count, row.distinct]).toEqual([row.highest, row.highest]);
    const ours = await harness.pool.anyFirst(sql.type(z.object({ payout_id: z.string() }))`
      select payout_id::text from self_billing_invoices where mission_id = ${missionId}`);
    expect(ours).toHaveLength(4);

    await recordHistory(env.client.workflow.getHandle(`mission-${missionId}`), 'mission-baseline');
    await recordHistory(
      env.client.workflow.getHandle(`payout-${intlPayout?.id}`),
      'provider-payout-supplier-invoice',
    );
  });

  it('closes a client introduction once its facilitators declare their usage rights, with no payouts', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 10);
    const facilitatorId = await directoryEntry(`ines-${run}`, 'FR', {});
    const outsider = await directoryEntry(`omar-${run}`, 'FR', null);
    const missionId = await createMission('client_introduction', 1, addDays(today, 60));
    const sessionId = await planSession(missionId, day, 0);
    await staffSession(missionId, sessionId, facilitatorId);
    await sleepUntil(paris(day, '13:00'));
    await recordAttendance(missionId, sessionId, 'confirm');

    const refused = await requestPayouts(missionId);
    expect([refused.status, refused.body.code]).toEqual([409, 'NO_PAYOUTS_FOR_CLIENT_INTRODUCTION']);
    expect((await payoutsOf(missionId)).items).toEqual([]);
    await expect
      .poll(() => mails(both(to(`${facilitatorId}@`), subject("Déclarez vos droits d'utilisation"))).length)
      .toBe(1);
    const checklist = await closureOf(missionId);
    expect(checklist.checklist.find((item) => item.item === 'usage_rights_declared')).toMatchObject({
      done: false,
      blocking: true,
    });

    const stranger = await mintToken(TEST_JWT_SECRET, { subject: outsider, role: 'facilitator' });
    const notTheirs = await call<ProblemBody>(stranger, 'POST', `/missions/${missionId}/usage-rights`, {
      revenueCents: 150_000,
      participants: 20,
    });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'MISSION_NOT_FOUND']);
    const own = await mintToken(TEST_JWT_SECRET, { subject: facilitatorId, role: 'facilitator' });
    const declared = await call(own, 'POST', `/missions/${missionId}/usage-rights`, {
      revenueCents: 150_000,
      participants: 20,
    });
    expect(declared.status).toBe(201);

    await expect.poll(async () => (await closureOf(missionId)).status).toBe('closed');
    expect((await closureOf(missionId)).closure).toMatchObject({
      automatic: true,
      coordinatorPayoutId: null,
    });
    expect((await payoutsOf(missionId)).payouts).toEqual([]);
    const twice = await call<ProblemBody>(own, 'POST', `/missions/${missionId}/usage-rights`, {
      revenueCents: 1,
      participants: 1,
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'MISSION_CLOSED']);
  });
});
