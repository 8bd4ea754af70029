/**
 * The audit bundle of a closed mission (issue #19, "Done means"), on the time-skipping server
 * through the API: an OPCO-funded training (partial funding) and a workshop the client pays,
 * staffed by a self-billed facilitator, run to closure; then staff download the mission's bundle,
 * every file is checked against the manifest, and the consistency report is clean.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { sql } from 'slonik';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import type { Manifest } from '../../reporting/audit/manifest.ts';
import type { AuditReport } from '../../reporting/audit/read-audit.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { pdfBytesSignature, pdfBytesText, testPdfRendering } from '../support/pdf.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import { type RunningWorker, STAFF_EMAIL } from '../support/worker-harness.ts';

const HOUR = 3600_000;
const ascii = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

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

interface FollowUp {
  participants: { id: string; email: string }[];
  attendance: { status: string; halfDays: unknown[] };
}

describe('audit bundle of a closed mission (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let app: FastifyInstance;
  let staff: string;
  let coordinator: string;
  const pdf = testPdfRendering();
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-audit-${run}`;

  // Each test on its own time-skipping server: skipping weeks for one mission would run the other's
  // timers (surveys, reminders) too, and their order is not what either test is about.
  beforeEach(async () => {
    stack = await startTimeSkippingApi({ pdf });
    ({ env, harness, app } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });

  afterEach(async () => {
    await stack?.stop();
  });

  afterAll(async () => {
    await pdf.converter.close();
  });

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);
  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);
  const subject = (prefix: string) => (email: ReceivedEmail) => email.subject.startsWith(prefix);
  const to = (address: string) => (email: ReceivedEmail) => email.to.some((entry) => entry.includes(address));
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
  const converted = { timeout: 90_000 };

  async function directoryEntry(id: string) {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const checkedOn = businessDate(new Date());
    const created = await call(staff, 'POST', '/facilitators', {
      id,
      firstName: id.split('-')[0],
      lastName: 'Martin',
      email: `${id}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: checkedOn,
      compliantUntil: addDays(checkedOn, 700),
    });
    expect(created.status).toBe(201);
    const billing = await call(staff, 'PUT', `/facilitators/${id}/billing`, {
      billingName: null,
      billingAddress: '8 rue des Carmes, 31000 Toulouse',
      siret: '12345678900012',
      vatNumber: null,
      vatRatePercent: null,
      selfBillingMandateSignedOn: today,
    });
    expect(billing.status).toBe(200);
    return id;
  }

  async function plan(
    missionId: string,
    kind: 'training' | 'workshop',
    title: string,
    day: string,
    end: string,
  ) {
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind,
      title,
      startsAt: paris(day, '09:00').toISOString(),
      endsAt: paris(day, end).toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 10,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    return planned.body.sessions.find((session) => session.title === title)?.id ?? '';
  }

  async function staffAndRegister(
    missionId: string,
    sessionId: string,
    facilitatorId: string,
    people: string[],
  ) {
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const invitations = () =>
      mails((email) => to(`${facilitatorId}@`)(email) && subject('Invitation à animer')(email));
    const before = invitations().length;
    expect(
      (await call(coordinator, 'POST', `${base}/invitations`, { facilitatorId, facilitatorStatus: 'paid' }))
        .status,
    ).toBe(201);
    await expect.poll(() => invitations().length).toBe(before + 1);
    expect(
      (await call(null, 'POST', `${linkIn(invitations().at(-1), 'invitations')}/accept`, {})).status,
    ).toBe(200);
    const registered = await call<FollowUp>(coordinator, 'POST', `${base}/participants`, {
      participants: people.map((name) => ({
        email: `${ascii(name)}-${run}@example.org`,
        firstName: name,
        lastName: 'Durand',
      })),
    });
    expect(registered.status).toBe(200);
  }

  /** Answers every question of the assessment page the first way it offers, as a trainee would. */
  async function answerAssessment(url: string) {
    const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const fields: Record<string, string> = {};
    for (const [, name, value] of page.body.matchAll(
      /<input[^>]*type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g,
    ))
      if (name && !(name in fields)) fields[name] = value ?? '';
    for (const [, name] of page.body.matchAll(/<textarea[^>]*name="([^"]+)"/g))
      if (name) fields[name] = 'Réagir vite';
    const answered = await app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(answered.statusCode).toBe(303);
  }

  /** Everyone present at every half-day, on paper: the signed sheet uploaded, then confirmed by staff. */
  async function attendOnPaper(missionId: string, sessionId: string) {
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const followUp = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body;
    const presence = followUp.participants.map((participant) => ({
      participantId: participant.id,
      halfDays: followUp.attendance.halfDays.map(() => true),
    }));
    expect((await call(coordinator, 'PUT', `${base}/attendance`, { presence })).status).toBe(200);
    const uploaded = await app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% feuille signée\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    expect((await call(staff, 'POST', `${base}/attendance-sheet/confirm`)).status).toBe(200);
  }

  it('closes a mission with an OPCO training and a workshop, then bundles it with a clean report', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const [trainingDay, workshopDay] = [addDays(today, 20), addDays(today, 21)];
    const facilitator = await directoryEntry(`lea-${run}`);
    await directoryEntry(coordinatorId);
    const created = await call<MissionBody>(staff, 'POST', '/missions', {
      title: 'Sécurité en boulangerie',
      client: { name: `Boulangeries ${run}` },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: coordinatorId, name: 'Alex Durand', email: `${coordinatorId}@example.org` },
      endDate: addDays(today, 60),
      orderLines: [
        { kind: 'training', quantity: 1, participantsPerSession: 10, unitPriceCents: 250_000 },
        { kind: 'workshop', quantity: 1, participantsPerSession: 10, unitPriceCents: 50_000 },
      ],
    });
    expect(created.status).toBe(201);
    const missionId = created.body.id;
    const training = await plan(missionId, 'training', 'Gestes qui sauvent', trainingDay, '17:00');
    const workshop = await plan(missionId, 'workshop', 'Atelier hygiène', workshopDay, '12:00');
    await staffAndRegister(missionId, training, facilitator, ['Léa', 'Hugo']);
    await staffAndRegister(missionId, workshop, facilitator, ['Inès', 'Tom']);

    // The training's OPCO takes over part of it, under an agreement number.
    const funding = `/missions/${missionId}/sessions/${training}/funding`;
    const contact = `contact-${run}@example.org`;
    expect(
      (await call(coordinator, 'PUT', funding, { kind: 'opco', client: company(contact), expenses: [] }))
        .status,
    ).toBe(200);
    expect((await call(coordinator, 'POST', `${funding}/proposal`)).status).toBe(200);
    await expect.poll(() => mails(to(contact)).length, converted).toBe(1);
    const decided = await call(staff, 'POST', `${funding}/decision`, {
      outcome: 'partial',
      amountCents: 150_000,
      agreementNumber: 'PEC-2027/0042',
    });
    expect(decided.status).toBe(202);

    // Convocations a week before; the training's participants answer their positioning test.
    await sleepUntil(paris(addDays(trainingDay, -7), '10:00'));
    const convocations = () => mails(subject('Convocation'));
    await expect.poll(() => convocations().length, converted).toBe(2);
    await sleepUntil(paris(addDays(workshopDay, -7), '10:00'));
    await expect.poll(() => convocations().length, converted).toBe(4);
    for (const name of ['lea', 'hugo']) {
      const convocation = convocations().find(to(`${name}-${run}@`));
      const answered = await call(null, 'POST', linkIn(convocation, 'positioning-tests'), {
        answers: { experience: 'aucune', confidence: 2 },
      });
      expect(answered.status).toBe(201);
    }

    await sleepUntil(paris(trainingDay, '18:00'));
    await attendOnPaper(missionId, training);
    await sleepUntil(paris(workshopDay, '13:00'));
    await attendOnPaper(missionId, workshop);
    const certificates = () =>
      mails((email) => /^Votre (certificat|attestation)/.test(email.subject) && email.attachments.length > 0);
    await expect.poll(() => certificates().length, converted).toBe(4);

    // Payouts requested: the facilitator is self-billed; everything requested, the mission closes.
    await env.sleep(HOUR);
    const requested = await call<ProblemBody>(coordinator, 'POST', `/missions/${missionId}/payout-requests`);
    expect(requested.status).toBe(201);
    await expect
      .poll(
        async () =>
          (await call<{ status: string }>(coordinator, 'GET', `/missions/${missionId}/closure`)).body.status,
        converted,
      )
      .toBe('closed');
    await expect.poll(() => mails(subject('Autofacture AF-')).length, converted).toBe(2);

    // Each trainee answers the end-of-training assessment and gets their attestation at once;
    // then the consistency report alone is clean, and the bundle is built.
    const assessments = () => mails(subject('Évaluez vos acquis'));
    await expect.poll(() => assessments().length, converted).toBe(2);
    for (const email of assessments()) await answerAssessment(linkIn(email, 'end-of-training-assessments'));
    await expect
      .poll(() => mails(subject('Votre attestation de fin de formation')).length, converted)
      .toBe(2);
    const findings = async () =>
      (await call<AuditReport>(staff, 'GET', `/missions/${missionId}/audit-report`)).body.sessions.flatMap(
        (session) => session.findings,
      );
    await expect.poll(findings, converted).toEqual([]);
    const report = await call<AuditReport>(staff, 'GET', `/missions/${missionId}/audit-report`);
    expect([report.status, report.body.consistent]).toEqual([200, true]);
    const refused = await call<ProblemBody>(coordinator, 'GET', `/missions/${missionId}/audit-bundle.zip`);
    expect(refused.status).toBe(403);
    const unknown = await call<ProblemBody>(staff, 'GET', `/missions/${randomUUID()}/audit-bundle.zip`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'MISSION_NOT_FOUND']);

    const bundle = await app.inject({
      method: 'GET',
      url: `/missions/${missionId}/audit-bundle.zip`,
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(bundle.rawPayload));
    const manifest = JSON.parse(
      Buffer.from(files['manifest.json'] ?? new Uint8Array()).toString('utf8'),
    ) as Manifest;
    expect(manifest).toMatchObject({ missionId, sessionId: null, consistent: true });
    // Every file of the archive is in the manifest with its checksum and size, and nothing else is.
    expect(Object.keys(files).sort()).toEqual(
      [...manifest.files.map((file) => file.path), 'manifest.json'].sort(),
    );
    for (const file of manifest.files) {
      const bytes = files[file.path] ?? new Uint8Array();
      expect([file.path, createHash('sha256').update(bytes).digest('hex'), bytes.byteLength]).toEqual([
        file.path,
        file.sha256,
        file.size,
      ]);
    }
    const latest = manifest.files.filter((file) => file.latest && file.documentId !== null);
    const kinds = latest.map((file) => file.kind);
    for (const kind of ['quote', 'agreement', 'programme', 'attendanceSheet', 'signedAttendanceSheet'])
      expect(kinds).toContain(kind);
    expect(kinds.filter((kind) => kind === 'certificate')).toHaveLength(4);
    expect(kinds.filter((kind) => kind === 'selfBillingInvoice')).toHaveLength(2);
    // What people received is sealed; the uploads are kept as uploaded; each names its settings version.
    for (const file of latest) {
      expect(file.form).toBe(file.kind === 'signedAttendanceSheet' ? 'upload' : 'sealedPdf');
      if (file.form === 'sealedPdf') expect(file.organisationSettingsVersion).toEqual(expect.any(Number));
    }
    const sheet = latest.find((file) => file.kind === 'attendanceSheet' && file.path.includes('gestes'));
    const sheetBytes = Buffer.from(files[sheet?.path ?? ''] ?? new Uint8Array());
    expect(await pdfBytesSignature(sheetBytes)).toContain('Signature Validation: Signature is Valid.');
    expect(await pdfBytesText(sheetBytes)).toContain('Gestes qui sauvent');
    for (const extract of ['emails', 'signatures', 'questionnaires-satisfaction', 'tests-positionnement'])
      for (const extension of ['csv', 'json'])
        expect(files[`extraits/${extract}.${extension}`]).toBeDefined();
    const positioning = JSON.parse(Buffer.from(files['extraits/tests-positionnement.json'] ?? []).toString());
    expect(positioning).toHaveLength(2);
    const index = Buffer.from(files['index.html'] ?? []).toString('utf8');
    expect(index).toContain('Dossier cohérent.');
    expect(index).toContain('Formation « Gestes qui sauvent »');
    for (const file of latest) expect(index).toContain(`href="${file.path}"`);

    // One session's bundle holds that session's file only, and the self-billing invoices paying for it.
    const sessionBundle = await app.inject({
      method: 'GET',
      url: `/missions/${missionId}/sessions/${workshop}/audit-bundle.zip`,
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(sessionBundle.statusCode).toBe(200);
    const sessionFiles = unzipSync(new Uint8Array(sessionBundle.rawPayload));
    const sessionManifest = JSON.parse(
      Buffer.from(sessionFiles['manifest.json'] ?? []).toString(),
    ) as Manifest;
    expect(sessionManifest.sessionId).toBe(workshop);
    expect(sessionManifest.files.filter((file) => file.kind === 'certificate')).toHaveLength(2);
    expect(sessionManifest.files.some((file) => file.kind === 'agreement')).toBe(false);
    const payouts = await call<{
      payouts: { invoiceNumber: string | null; lines: { sessionId?: string }[] }[];
    }>(coordinator, 'GET', `/missions/${missionId}/payouts`);
    const payingForWorkshop = payouts.body.payouts.filter((payout) =>
      payout.lines.some((line) => line.sessionId === workshop),
    );
    expect(payingForWorkshop.length).toBeGreaterThan(0);
    expect(sessionManifest.files.filter((file) => file.kind === 'selfBillingInvoice')).toHaveLength(
      payingForWorkshop.length,
    );
  }, 300_000);

  it('tells staff and holds the certificates and payouts when the agreement states other hours', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 20);
    const facilitator = await directoryEntry(`nora-${run}`);
    const created = await call<MissionBody>(staff, 'POST', '/missions', {
      title: 'Sécurité en boulangerie (bis)',
      client: { name: `Boulangeries bis ${run}` },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: coordinatorId, name: 'Alex Durand', email: `${coordinatorId}@example.org` },
      endDate: addDays(today, 60),
      orderLines: [{ kind: 'training', quantity: 1, participantsPerSession: 10, unitPriceCents: 250_000 }],
    });
    expect(created.status).toBe(201);
    const missionId = created.body.id;
    const training = await plan(missionId, 'training', 'Extincteurs', day, '17:00');
    await staffAndRegister(missionId, training, facilitator, ['Nina']);
    const funding = `/missions/${missionId}/sessions/${training}/funding`;
    const contact = `contact-bis-${run}@example.org`;
    expect(
      (await call(coordinator, 'PUT', funding, { kind: 'opco', client: company(contact), expenses: [] }))
        .status,
    ).toBe(200);
    expect((await call(coordinator, 'POST', `${funding}/proposal`)).status).toBe(200);
    await expect.poll(() => mails(to(contact)).length, converted).toBe(1);
    expect((await call(staff, 'POST', `${funding}/decision`, { outcome: 'full' })).status).toBe(202);

    // On purpose: the agreement now states 3.5 hours for a 7-hour training.
    const changed = await harness.pool.query(sql.unsafe`
      update document_claims set hours = 3.5
      where document_id in (select id from documents where session_id = ${training} and kind = 'agreement')`);
    expect(changed.rowCount).toBe(1);

    await sleepUntil(paris(day, '18:00'));
    await attendOnPaper(missionId, training);
    const told = () => mails((email) => to(STAFF_EMAIL)(email) && subject('Certificats retenus')(email));
    await expect.poll(() => told().length, converted).toBe(1);
    expect(told()[0]?.subject).toBe(
      `Certificats retenus, documents incohérents : Extincteurs (Boulangeries bis ${run})`,
    );
    expect(told()[0]?.text).toContain('La convention (v1) indique 3,5 h, la session en compte 7 h.');
    expect(told()[0]?.text).toContain('Renvoyer la proposition');
    const ninaCertificate = () =>
      mails((email) => to(`nina-${run}@`)(email) && subject('Votre certificat')(email));
    await env.sleep(2 * HOUR);
    expect(ninaCertificate()).toHaveLength(0);

    // The payout for the session waits too, and says why.
    const items = async () =>
      (
        await call<{ items: { sessionId: string; holdReasons: string[]; status: string }[] }>(
          coordinator,
          'GET',
          `/missions/${missionId}/payouts`,
        )
      ).body.items;
    await expect
      .poll(async () => (await items()).map((item) => item.holdReasons))
      .toEqual([['AUDIT_MISMATCH']]);
    const held = await call<ProblemBody>(coordinator, 'POST', `/missions/${missionId}/payout-requests`);
    expect([held.status, held.body.code]).toEqual([409, 'NOTHING_TO_REQUEST']);
    expect(held.body.detail).toContain("waits for its session's documents to agree");
    const report = await call<AuditReport>(
      staff,
      'GET',
      `/missions/${missionId}/sessions/${training}/audit-report`,
    );
    expect(report.body.sessions[0]?.findings.map((finding) => finding.code)).toContain('HOURS_MISMATCH');

    // Checked again the next day: still wrong, staff are not told twice.
    await env.sleep(25 * HOUR);
    expect(told()).toHaveLength(1);
    const release = `/missions/${missionId}/sessions/${training}/audit-hold/release`;
    const byCoordinator = await call<ProblemBody>(coordinator, 'POST', release, { reason: 'Vu' });
    expect(byCoordinator.status).toBe(403);
    const blank = await call<ProblemBody>(staff, 'POST', release, { reason: ' ' });
    expect(blank.status).toBe(422);
    const released = await call(staff, 'POST', release, {
      reason: 'Heures confirmées par l’OPCO, convention corrigée à la main',
    });
    expect(released.status).toBe(200);
    await expect.poll(() => ninaCertificate().length, converted).toBe(1);
    await expect.poll(async () => (await items()).map((item) => item.status)).toEqual(['eligible']);
    const again = await call<ProblemBody>(staff, 'POST', release, { reason: 'Encore' });
    expect([again.status, again.body.code]).toEqual([409, 'NO_AUDIT_HOLD']);
  }, 300_000);
});
