/**
 * The organisation's settings through the API (issue #15 item 1): staff change them, the next
 * documents and e-mails follow, documents already issued keep the version they were built from.
 * On a database of its own: a new version here would change every other test's documents.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDocumentActivity } from '../../activities/documents/generate-document.ts';
import { findDocument } from '../../activities/documents/store.ts';
import { issueSelfBillingInvoiceActivity } from '../../activities/payouts/issue-self-billing-invoice.ts';
import { migrate } from '../../db/migrate.ts';
import { dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import type { CertificateData } from '../../workflows/messages/documents.ts';
import type { SelfBillingRequest } from '../../workflows/messages/payouts.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import type { OrganisationSettings } from '../../workflows/rules/organisation-settings.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, type ProblemBody, readJson } from '../support/http.ts';
import { SAMPLE_SETTINGS } from '../support/organisation.ts';
import { signaturePng } from '../support/png.ts';
import { smallPdf } from '../support/small-pdf.ts';
import { TEST_PUBLIC_BASE_URL } from '../support/worker-harness.ts';

interface SettingsBody {
  version: number;
  placeholder: boolean;
  createdBy: string;
  settings: OrganisationSettings;
  files: Record<string, { fileId: string; checksum: string; contentType: string } | null>;
}

const OCEAN: OrganisationSettings = {
  ...SAMPLE_SETTINGS,
  legalName: 'Collectif Océan',
  address: '3 quai de la Fosse, 44000 Nantes',
  city: 'Nantes',
  // SIREN 732829320 (Luhn-valid), its VAT key (12 + 3 × (732829320 mod 97)) mod 97 = 44.
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  trainingProviderNumber: '52440000044',
  trainingProviderRegion: 'Pays de la Loire',
  qualiopiCertificate: 'QUALIOPI-2026-0420',
  signatory: { name: 'Inès Benali', title: 'co-présidente' },
  email: {
    senderName: 'Collectif Océan',
    replyTo: 'contact@ocean.example',
    signature: { fr: "L'équipe du Collectif Océan", en: 'The Collectif Océan team' },
  },
};

const certificate = (participantId: string): CertificateData => ({
  missionId: randomUUID(),
  sessionId: randomUUID(),
  participantId,
  participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
  clientName: 'Acme Industries SAS',
  actionTitle: 'Comprendre et agir : les enjeux climatiques',
  actionNature: 'action de formation',
  from: '2027-01-12',
  to: '2027-01-13',
  hoursAttended: 10.5,
  hoursPlanned: 14,
  issuedOn: '2027-01-14',
});

const newMission = (coordinatorId: string) => ({
  title: 'Ateliers',
  client: { name: 'Acme' },
  sector: 'company',
  dealType: 'subcontracting',
  coordinator: { id: coordinatorId, name: 'Alex Durand', email: `${coordinatorId}@example.org` },
  endDate: addDays(businessDate(new Date()), 120),
  orderLines: [{ kind: 'workshop', quantity: 1, participantsPerSession: 10, unitPriceCents: 10_000 }],
});

const textOf = async (bytes: Buffer) =>
  (await mammoth.extractRawText({ buffer: bytes })).value.replaceAll('\u00a0', ' ');

describe('organisation settings (API, Postgres, worker)', () => {
  let api: RunningApi;
  let serverUrl: string;
  const database = `missions_organisation_${process.pid}_${Date.now()}`;
  const tokens: Record<'staff' | 'coordinator', string> = { staff: '', coordinator: '' };

  beforeAll(async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = '/postgres';
    serverUrl = url.toString();
    const databaseUrl = await ensureDatabase(serverUrl, database);
    await migrate(databaseUrl);
    api = await startApi({}, { databaseUrl });
    tokens.staff = await api.token({ subject: 'staff-settings', role: 'staff' });
    tokens.coordinator = await api.token({ subject: 'coord-settings', role: 'coordinator' });
  });

  afterAll(async () => {
    await api?.stop();
    await dropDatabase(serverUrl, database);
  });

  const send = (
    who: 'staff' | 'coordinator',
    method: string,
    path: string,
    body?: object | Buffer,
    type?: string,
  ) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        'idempotency-key': randomUUID(),
        ...(body ? { 'content-type': type ?? 'application/json' } : {}),
      },
      ...(body ? { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) } : {}),
    });

  it("starts from the install's placeholders, which documents use until staff set their own", async () => {
    const response = await send('staff', 'GET', '/organisation/settings');
    expect(response.status).toBe(200);
    const current = await readJson<SettingsBody>(response);
    expect(current).toMatchObject({ version: 1, placeholder: true, createdBy: 'install' });
    expect(current.settings.legalName).toBe('Association des Animateur·ices');
    expect(current.files).toEqual({
      signature: null,
      stamp: null,
      internalRules: null,
      generalTerms: null,
      logo: null,
    });
  });

  it('is for staff only', async () => {
    expect((await send('coordinator', 'GET', '/organisation/settings')).status).toBe(403);
    expect((await send('coordinator', 'PUT', '/organisation/settings', OCEAN)).status).toBe(403);
    expect((await send('coordinator', 'GET', '/organisation/settings/versions')).status).toBe(403);
    expect(
      (
        await send(
          'coordinator',
          'PUT',
          '/organisation/settings/files/signature',
          signaturePng(),
          'image/png',
        )
      ).status,
    ).toBe(403);
  });

  it('refuses a wrong SIRET, VAT number and training-provider number, naming each field', async () => {
    const response = await send('staff', 'PUT', '/organisation/settings', {
      ...OCEAN,
      siret: '73282932000075',
      vatNumber: 'FR45732829320',
      trainingProviderNumber: '5244000004',
    });
    expect(response.status).toBe(422);
    const problem = await readJson<ProblemBody>(response);
    expect(problem.code).toBe('ORGANISATION_SETTINGS_INVALID');
    expect(problem.errors?.map((error) => error.path)).toEqual([
      '/siret',
      '/vatNumber',
      '/trainingProviderNumber',
    ]);
    expect(problem.errors?.[1]?.message).toBe(
      'FR45732829320 is not a valid VAT number: the key for SIREN 732829320 is 44.',
    );
    expect(problem.violations?.map((violation) => violation.code)).toEqual([
      'SIRET_CHECKSUM',
      'VAT_NUMBER_CHECKSUM',
      'TRAINING_PROVIDER_NUMBER_FORMAT',
    ]);
    expect((await readJson<SettingsBody>(await send('staff', 'GET', '/organisation/settings'))).version).toBe(
      1,
    );
  });

  it('changes the next documents and e-mails, and leaves the issued ones as they were', async () => {
    const generate = generateDocumentActivity(api.worker.pool);
    const before = await generate({ kind: 'certificate', data: certificate(`p-${randomUUID()}`) });
    const beforeStored = await findDocument(api.worker.pool, before.documentId);
    expect(beforeStored?.organisationSettingsVersion).toBe(1);

    const saved = await send('staff', 'PUT', '/organisation/settings', OCEAN);
    expect(saved.status).toBe(200);
    expect(await readJson<SettingsBody>(saved)).toMatchObject({
      version: 2,
      placeholder: false,
      createdBy: 'staff-settings',
    });
    // The same settings again are the same version: a retried PUT writes nothing.
    expect(
      (await readJson<SettingsBody>(await send('staff', 'PUT', '/organisation/settings', OCEAN))).version,
    ).toBe(2);

    const after = await generate({ kind: 'certificate', data: certificate(`p-${randomUUID()}`) });
    const afterStored = await findDocument(api.worker.pool, after.documentId);
    expect(afterStored?.organisationSettingsVersion).toBe(2);
    const text = await textOf(afterStored?.bytes ?? Buffer.alloc(0));
    expect(text).toContain(
      "Je soussigné·e Inès Benali, co-présidente, représentant·e légal·e du dispensateur de l'action concernée, Collectif Océan, déclaration d'activité n° 52440000044",
    );
    expect(text).toContain('Fait à Nantes, le 14/01/2027');
    expect(text).not.toContain('Association des Animateur·ices');

    const kept = await findDocument(api.worker.pool, before.documentId);
    expect(kept?.organisationSettingsVersion).toBe(1);
    expect(kept?.checksum).toBe(beforeStored?.checksum);
    expect(kept?.bytes.equals(beforeStored?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(await textOf(kept?.bytes ?? Buffer.alloc(0))).toContain('Association des Animateur·ices');

    // An e-mail sent now comes from the new name, answers go to its address, it signs off as it says.
    const coordinatorId = `coord-settings-${randomUUID().slice(0, 8)}`;
    const created = await send('staff', 'POST', '/missions', newMission(coordinatorId));
    expect(created.status).toBe(201);
    await readJson<MissionBody>(created);
    await expect
      .poll(
        () => api.worker.resend.received.find((email) => email.to.some((to) => to.includes(coordinatorId))),
        {
          timeout: 20_000,
        },
      )
      .toBeDefined();
    const email = api.worker.resend.received.find((sent) => sent.to.some((to) => to.includes(coordinatorId)));
    expect(email?.from).toBe('Collectif Océan <missions@example.org>');
    expect(email?.replyTo).toEqual(['contact@ocean.example']);
    // The sign-off, then the legal footer the layout adds under it.
    expect(email?.text).toContain("L'équipe du Collectif Océan");
  });

  it('takes the signature and the internal rules as new versions, checked by content: the certificate draws one, the convocation carries the other', async () => {
    expect(
      (
        await send(
          'staff',
          'PUT',
          '/organisation/settings/files/signature',
          Buffer.from('%PDF-1.7 not an image'),
          'application/pdf',
        )
      ).status,
    ).toBe(415);
    const pngMagic = signaturePng().subarray(0, 8);
    const tooLarge = await send(
      'staff',
      'PUT',
      '/organisation/settings/files/stamp',
      Buffer.concat([pngMagic, randomBytes(600 * 1024)]),
      'image/png',
    );
    expect(tooLarge.status).toBe(413);
    expect((await readJson<ProblemBody>(tooLarge)).code).toBe('FILE_TOO_LARGE');

    const png = signaturePng(300, 100, 7);
    const uploaded = await send('staff', 'PUT', '/organisation/settings/files/signature', png, 'image/png');
    expect(uploaded.status).toBe(200);
    const withSignature = await readJson<SettingsBody>(uploaded);
    expect(withSignature.version).toBe(3);
    expect(withSignature.settings.legalName).toBe('Collectif Océan');
    expect(withSignature.files.signature?.contentType).toBe('image/png');

    const download = await send('staff', 'GET', '/organisation/settings/files/signature');
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);

    const stored = await generateDocumentActivity(api.worker.pool)({
      kind: 'certificate',
      data: certificate(`p-${randomUUID()}`),
    });
    const bytes = (await findDocument(api.worker.pool, stored.documentId))?.bytes ?? Buffer.alloc(0);
    // A docx is a zip: the image travels as a part of its own under word/media.
    expect(bytes.includes(Buffer.from('word/media/'))).toBe(true);

    // The internal rules go with every convocation sent from now on (R6352-1: before the action).
    const rules = smallPdf("Règlement intérieur de l'organisme");
    const withRules = await send(
      'staff',
      'PUT',
      '/organisation/settings/files/internalRules',
      rules,
      'application/pdf',
    );
    expect((await readJson<SettingsBody>(withRules)).version).toBe(4);
    const coordinatorId = `coord-rules-${randomUUID().slice(0, 8)}`;
    const coordinatorToken = await api.token({ subject: coordinatorId, role: 'coordinator' });
    const mission = await readJson<MissionBody>(
      await send('staff', 'POST', '/missions', newMission(coordinatorId)),
    );
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    startsAt.setUTCHours(8, 0, 0, 0);
    const planned = await fetch(`${api.baseUrl}/missions/${mission.id}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'workshop',
        title: 'Atelier climat',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
        location: { mode: 'online', url: 'https://visio.example.org/a' },
        capacity: 10,
        otherFacilitators: 0,
      }),
    });
    expect(planned.status).toBe(201);
    const sessionId = (await readJson<MissionBody>(planned)).sessions[0]?.id;
    const participant = `p-${randomUUID().slice(0, 8)}@example.org`;
    const registered = await fetch(
      `${api.baseUrl}/missions/${mission.id}/sessions/${sessionId}/participants`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          participants: [{ email: participant, firstName: 'Éloïse', lastName: 'Lefèvre' }],
        }),
      },
    );
    expect(registered.status).toBe(200);
    const toParticipant = () =>
      api.worker.resend.received.find((email) => email.to.some((to) => to.includes(participant)));
    await expect.poll(toParticipant, { timeout: 20_000 }).toBeDefined();
    expect(toParticipant()?.subject.startsWith('Convocation')).toBe(true);
    expect(toParticipant()?.text).toContain(
      'Vous trouverez en pièces jointes le règlement intérieur de l’organisme de formation et un fichier agenda (.ics)',
    );
    // A workshop without a proposal has no programme stored: the rules as uploaded, and the calendar.
    expect(
      toParticipant()?.attachments.map(({ filename, bytes }) => [filename, bytes.equals(rules)]),
    ).toEqual([
      ['reglement-interieur.pdf', true],
      ['convocation.ics', false],
    ]);

    const versions = await readJson<{
      versions: { version: number; createdBy: string; placeholder: boolean }[];
    }>(await send('staff', 'GET', '/organisation/settings/versions'));
    expect(
      versions.versions.map(({ version, createdBy, placeholder }) => [version, createdBy, placeholder]),
    ).toEqual([
      [4, 'staff-settings', false],
      [3, 'staff-settings', false],
      [2, 'staff-settings', false],
      [1, 'install', true],
    ]);
  });

  it('rebuilds a retried self-billing invoice from the version it was first built with', async () => {
    const issue = issueSelfBillingInvoiceActivity(api.worker.pool);
    const invoice = (payoutId: string): SelfBillingRequest => ({
      payoutId,
      missionId: randomUUID(),
      missionTitle: 'Ateliers',
      clientName: 'Client',
      provider: {
        providerId: 'lea',
        legalName: 'Léa Martin',
        address: '8 rue des Carmes, 31000 Toulouse',
        country: 'FR',
        siret: '12345678900012',
        vatNumber: null,
        vatRatePercent: null,
        selfBillingMandateSignedOn: '2026-01-01',
      },
      lines: [
        {
          sessionId: randomUUID(),
          kind: 'workshop',
          role: 'lead',
          title: 'Atelier',
          date: '2027-03-15T08:00:00.000Z',
          amountCents: 25_000,
        },
      ],
      issuedOn: '2027-03-15',
    });
    const request = invoice(randomUUID());
    const first = await issue(request);
    const firstStored = await findDocument(api.worker.pool, first.documentId);

    const renamed = { ...OCEAN, legalName: 'Collectif Océan Atlantique' };
    expect(
      (await readJson<SettingsBody>(await send('staff', 'PUT', '/organisation/settings', renamed))).version,
    ).toBe(5);

    // The same payout's invoice again (a retried activity): the same number, bytes and version.
    const retried = await issue(request);
    expect(retried).toEqual(first);
    const retriedStored = await findDocument(api.worker.pool, retried.documentId);
    expect(retriedStored?.checksum).toBe(firstStored?.checksum);
    expect(retriedStored?.organisationSettingsVersion).toBe(firstStored?.organisationSettingsVersion);

    const next = await findDocument(api.worker.pool, (await issue(invoice(randomUUID()))).documentId);
    expect(next?.organisationSettingsVersion).toBe(5);
    expect(await textOf(next?.bytes ?? Buffer.alloc(0))).toContain('Collectif Océan Atlantique');
  });

  it('takes a logo, checked by content, as a new version, serves it to anyone for good, and e-mails show it', async () => {
    const refused = await send(
      'staff',
      'PUT',
      '/organisation/settings/files/logo',
      Buffer.from('%PDF-1.7 not an image'),
      'image/png',
    );
    expect(refused.status).toBe(415);
    expect((await readJson<ProblemBody>(refused)).code).toBe('UNSUPPORTED_UPLOAD');
    const tooLarge = await send(
      'staff',
      'PUT',
      '/organisation/settings/files/logo',
      Buffer.concat([signaturePng().subarray(0, 8), randomBytes(250 * 1024)]),
      'image/png',
    );
    expect(tooLarge.status).toBe(413);

    const before = await readJson<SettingsBody>(await send('staff', 'GET', '/organisation/settings'));
    const png = readFileSync(new URL('../support/sample-logo.png', import.meta.url));
    const uploaded = await send('staff', 'PUT', '/organisation/settings/files/logo', png, 'image/png');
    expect(uploaded.status).toBe(200);
    const withLogo = await readJson<SettingsBody>(uploaded);
    expect(withLogo.version).toBe(before.version + 1);
    expect(withLogo.files.logo?.contentType).toBe('image/png');
    // The other files stay with the new version.
    expect(withLogo.files.signature).toEqual(before.files.signature);
    const fileId = withLogo.files.logo?.fileId ?? '';

    // No credentials: mail clients fetch it as they are.
    const logo = await fetch(`${api.baseUrl}/organisation/logo/${fileId}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(logo.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);

    // Only a logo is public: the signature's id, an unknown id and no id at all are 404.
    const signatureId = withLogo.files.signature?.fileId;
    expect(signatureId).toBeDefined();
    for (const id of [signatureId, randomUUID(), 'not-a-file']) {
      const missing = await fetch(`${api.baseUrl}/organisation/logo/${id}`);
      expect(missing.status, id).toBe(404);
      expect((await readJson<ProblemBody>(missing)).code).toBe('ORGANISATION_LOGO_NOT_FOUND');
    }

    const coordinatorId = `coord-logo-${randomUUID().slice(0, 8)}`;
    expect((await send('staff', 'POST', '/missions', newMission(coordinatorId))).status).toBe(201);
    const sent = () =>
      api.worker.resend.received.find((email) => email.to.some((to) => to.includes(coordinatorId)));
    await expect.poll(sent, { timeout: 20_000 }).toBeDefined();
    expect(sent()?.html).toContain(`<img src="${TEST_PUBLIC_BASE_URL}/organisation/logo/${fileId}"`);
  });
});
