/**
 * What a person receives: the docx converted by the real LibreOffice, sealed with the
 * organisation's certificate (here the self-signed development one), checked with poppler as a
 * funder's software would check it, and attached to the e-mail instead of the docx.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProposalDocument } from '../../activities/documents/build-proposal.ts';
import { buildCertificate } from '../../activities/documents/certificate.ts';
import { DOCX_CONTENT_TYPE } from '../../activities/documents/pack.ts';
import { DEVELOPMENT_SIGNER } from '../../activities/documents/pdf/seal-certificate.ts';
import { type PdfRendering, sealedPdfOf } from '../../activities/documents/pdf/sealed-pdf.ts';
import { buildSelfBillingInvoice } from '../../activities/documents/self-billing-invoice.ts';
import { type DocumentWithContent, findDocument, storeDocument } from '../../activities/documents/store.ts';
import { resendSender } from '../../activities/email/resend-sender.ts';
import { sendEmailActivity } from '../../activities/email/send-email.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { defaultCoordinatorPages } from '../../links/coordinator-pages.ts';
import type { CertificateData } from '../../workflows/messages/documents.ts';
import type { EmailRequest } from '../../workflows/messages/email.ts';
import type { ProposalData } from '../../workflows/messages/funding.ts';
import type { SelfBillingRequest } from '../../workflows/messages/payouts.ts';
import { testPool } from '../support/database.ts';
import { trainingOffer } from '../support/offers.ts';
import { SAMPLE_ORGANISATION } from '../support/organisation.ts';
import { pdfsig, pdfText, testPdfRendering } from '../support/pdf.ts';
import { signaturePng } from '../support/png.ts';
import { type ResendContractServer, startResendContractServer } from '../support/resend-server.ts';
import { TEST_LINK_SECRETS } from '../support/worker-harness.ts';

/** With the signatory's signature and the stamp staff upload, drawn by the builders. */
const organisation = {
  ...SAMPLE_ORGANISATION,
  signature: { contentType: 'image/png', bytes: signaturePng(300, 100, 3) },
  stamp: { contentType: 'image/png', bytes: signaturePng(200, 200, 50) },
};

const run = promisify(execFile);

const missionId = randomUUID();
const sessionId = randomUUID();

const certificate: CertificateData = {
  missionId,
  sessionId,
  participantId: 'p-1',
  participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
  clientName: 'Acme Industries SAS',
  actionTitle: 'Comprendre et agir : les enjeux climatiques',
  actionNature: 'action de formation',
  from: '2027-01-12',
  to: '2027-01-13',
  hoursAttended: 10.5,
  hoursPlanned: 14,
  issuedOn: '2027-01-14',
};

const proposal: ProposalData = {
  missionId,
  sessionId,
  proposalNumber: 'D-2027-0042',
  issuedOn: '2026-11-02',
  funding: {
    kind: 'opco',
    client: {
      type: 'company',
      companyName: 'Acme Industries SAS',
      siret: '12345678900012',
      managerName: 'Bertrand Durand',
      trainingContactName: 'Sophie Garnier',
      phone: '04 72 00 00 00',
      address: { street: '8 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' },
      trainingPlace: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
      contactEmail: 'sophie.garnier@acme.example',
    },
    expenses: [],
  },
  training: {
    title: 'Comprendre et agir : les enjeux climatiques',
    startsAt: '2027-01-12T08:00:00Z',
    endsAt: '2027-01-12T16:00:00Z',
    timeZone: 'Europe/Paris',
    place: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
    hours: 7,
    capacity: 12,
    halfDays: [
      {
        date: '2027-01-12',
        period: 'morning',
        startsAt: '2027-01-12T08:00:00Z',
        endsAt: '2027-01-12T11:30:00Z',
        content: 'Atelier Fresque du climat',
      },
      {
        date: '2027-01-12',
        period: 'afternoon',
        startsAt: '2027-01-12T12:30:00Z',
        endsAt: '2027-01-12T16:00:00Z',
        content: "Plan d'action",
      },
    ],
  },
  pricing: { unitPriceCents: 250_000, expensesCents: 0, totalCents: 250_000 },
  coordinatorName: 'Camille Martin',
};

const invoice: SelfBillingRequest = {
  payoutId: randomUUID(),
  missionId,
  missionTitle: 'Ateliers climat 2027',
  clientName: 'Acme Industries SAS',
  provider: {
    providerId: 'lea',
    legalName: 'Léa Martin',
    address: '8 rue des Carmes, 31000 Toulouse',
    country: 'FR',
    siret: '12345678900012',
    vatNumber: 'FR00123456789',
    vatRatePercent: 20,
    selfBillingMandateSignedOn: '2026-01-01',
  },
  lines: [
    {
      sessionId,
      kind: 'workshop',
      role: 'lead',
      title: 'Atelier climat',
      date: '2027-01-12T08:00:00.000Z',
      amountCents: 25_000,
    },
  ],
  issuedOn: '2027-01-31',
};

describe('documents sent to a person: converted by LibreOffice and sealed', () => {
  let pool: DatabasePool;
  let rendering: PdfRendering;
  let resend: ResendContractServer;
  let scratch: string;
  const stored: Record<'certificate' | 'agreement' | 'selfBillingInvoice', DocumentWithContent> = {} as never;

  beforeAll(async () => {
    pool = await testPool();
    rendering = testPdfRendering();
    resend = await startResendContractServer();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'sealed-pdf-test-'));
    const agreement = await buildProposalDocument('agreement', proposal, organisation, trainingOffer);
    const built = {
      certificate: {
        key: { missionId, sessionId, participantId: 'p-1' },
        filename: 'certificat-realisation-lefevre-eloise.docx',
        bytes: await buildCertificate(certificate, organisation),
      },
      agreement: { key: { missionId, sessionId, participantId: null }, ...agreement },
      selfBillingInvoice: {
        key: { missionId, sessionId: null, participantId: invoice.payoutId },
        filename: 'autofacture-af-2027-00042.docx',
        bytes: await buildSelfBillingInvoice(invoice, 'AF-2027-00042', organisation),
      },
    };
    for (const kind of ['certificate', 'agreement', 'selfBillingInvoice'] as const) {
      const { key, filename, bytes } = built[kind];
      const document = await storeDocument(
        pool,
        { ...key, kind },
        { kind, filename, contentType: DOCX_CONTENT_TYPE, bytes },
      );
      const found = await findDocument(pool, document.documentId);
      if (!found) throw new Error(`${kind} not stored`);
      stored[kind] = found;
    }
  }, 60_000);

  afterAll(async () => {
    await rendering?.converter.close();
    await resend?.close();
    await pool?.end();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function sealedFile(kind: keyof typeof stored): Promise<{ file: string; bytes: Buffer }> {
    const pdf = await sealedPdfOf(pool, rendering, stored[kind]);
    const file = path.join(scratch, pdf.filename);
    await writeFile(file, pdf.bytes);
    return { file, bytes: pdf.bytes };
  }

  it('seals the whole of each PDF with a PAdES signature pdfsig finds valid, and the mentions survive conversion', async () => {
    const started = Date.now();
    // Asked together, as a session's certificates are: one LibreOffice run converts them all.
    const [certificatePdf, agreementPdf, invoicePdf] = await Promise.all([
      sealedFile('certificate'),
      sealedFile('agreement'),
      sealedFile('selfBillingInvoice'),
    ]);
    console.info(`three documents converted and sealed in ${Date.now() - started} ms`);
    for (const { file } of [certificatePdf, agreementPdf, invoicePdf]) {
      const report = await pdfsig(file);
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain(`Signer Certificate Common Name: ${DEVELOPMENT_SIGNER}`);
      // Self-signed in development: the seal is intact, its issuer vouched for by nobody.
      expect(report).toMatch(/Certificate Validation: Certificate issuer is unknown/);
    }

    const certificateText = (await pdfText(certificatePdf.file)).replace(/\s+/g, ' ');
    expect(certificateText).toContain('CERTIFICAT DE RÉALISATION');
    expect(certificateText).toContain('Éloïse Lefèvre');
    expect(certificateText).toMatch(/10,5 heures/);
    expect(certificateText).toContain(SAMPLE_ORGANISATION.settings.trainingProviderNumber);
    // A printout says it is sealed, by whom, and that the file is the proof.
    expect(certificateText).toContain(`Document scellé électroniquement par ${DEVELOPMENT_SIGNER} le`);

    // The signature and the stamp beside "Signature et cachet", on the certificate's only page.
    const { stdout: images } = await run('pdfimages', ['-list', certificatePdf.file]);
    expect(images.split('\n').filter((line) => /^\s+1\s+\d+\s+image\s/.test(line))).toHaveLength(2);

    const agreementText = (await pdfText(agreementPdf.file)).replace(/\s+/g, ' ');
    expect(agreementText).toContain('Acme Industries SAS');
    expect(agreementText).toContain(SAMPLE_ORGANISATION.settings.trainingProviderNumber);

    const invoiceText = (await pdfText(invoicePdf.file)).replace(/\s+/g, ' ');
    expect(invoiceText).toContain('AF-2027-00042');
    expect(invoiceText).toContain('Léa Martin');
  }, 180_000);

  it('stores each PDF once with its checksum, so a retried e-mail attaches the same bytes', async () => {
    const first = await sealedPdfOf(pool, rendering, stored.certificate);
    const again = await sealedPdfOf(pool, rendering, stored.certificate);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(first.checksum).toBe(createHash('sha256').update(first.bytes).digest('hex'));
    expect(first.filename).toBe('certificat-realisation-lefevre-eloise.pdf');
  }, 180_000);

  it('reports a PDF changed by one byte after sealing as invalid', async () => {
    const { bytes } = await sealedFile('certificate');
    const tampered = Buffer.from(bytes);
    // A byte of the page's content stream, well inside the first signed range.
    const offset = tampered.indexOf('stream') + 20;
    tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
    const file = path.join(scratch, 'tampered.pdf');
    await writeFile(file, tampered);
    const report = await pdfsig(file);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Signature Validation: Digest Mismatch/);
  }, 180_000);

  it('attaches the sealed PDF, not the docx, to the e-mail carrying a certificate', async () => {
    const sendEmail = sendEmailActivity({
      pool,
      sender: resendSender(resend.apiKey, resend.url),
      from: 'Missions <missions@example.org>',
      staffEmail: 'staff@example.org',
      billingEmail: 'billing@example.org',
      publicBaseUrl: 'http://missions.test',
      coordinatorPages: defaultCoordinatorPages('http://missions.test'),
      linkSecrets: TEST_LINK_SECRETS,
      pdf: rendering,
    });
    const request: EmailRequest = {
      template: 'certificate',
      to: { email: 'eloise@example.org', name: 'Éloïse Lefèvre' },
      language: 'fr',
      idempotencyKey: `${randomUUID()}:certificate`,
      missionId,
      sessionId,
      data: {
        missionId,
        missionTitle: 'Formation climat',
        clientName: 'Acme Industries SAS',
        coordinatorName: 'Camille Martin',
        sessionTitle: 'Comprendre et agir',
        startsAt: '2027-01-12T08:00:00Z',
        endsAt: '2027-01-13T16:00:00Z',
        timeZone: 'Europe/Paris',
        place: 'Lyon',
        participantName: 'Éloïse Lefèvre',
        hoursAttended: 10.5,
      },
      attachments: [{ documentId: stored.certificate.documentId }],
    };
    await new MockActivityEnvironment().run(sendEmail, request);
    const sent = resend.received.find((email) => email.to.some((to) => to.includes('eloise@example.org')));
    const storedPdf = await sealedPdfOf(pool, rendering, stored.certificate);
    expect(sent?.attachments.map((file) => file.filename)).toEqual([
      'certificat-realisation-lefevre-eloise.pdf',
    ]);
    expect(sent?.attachments[0]?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sent?.attachments[0]?.bytes.equals(storedPdf.bytes)).toBe(true);
  }, 180_000);
});
