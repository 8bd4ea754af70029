/**
 * Client and funder invoices against the real Postgres, LibreOffice, poppler and the independent
 * Factur-X checks: numbered without gaps whatever runs at once or fails, the amounts each payer
 * owes, the OPCO's agreement number and hours, and every invoice (self-billing too) a sealed
 * PDF/A-3 whose embedded XML passes the XSD and the EN 16931 and French CTC Schematron rules.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sealedPdfOf } from '../../activities/documents/pdf/sealed-pdf.ts';
import { findDocument } from '../../activities/documents/store.ts';
import { issueClientInvoicesActivity } from '../../activities/invoices/issue-client-invoices.ts';
import { issueNumberedInvoice } from '../../activities/invoices/numbered-invoice.ts';
import { issueSelfBillingInvoiceActivity } from '../../activities/payouts/issue-self-billing-invoice.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { setBillingParty } from '../../db/queries/client-invoices.ts';
import type { FundingRequest } from '../../workflows/messages/funding.ts';
import type { ClientInvoicesResult } from '../../workflows/messages/invoices.ts';
import type { IssuedInvoice, SelfBillingRequest } from '../../workflows/messages/payouts.ts';
import type { InvoiceableSession } from '../../workflows/rules/closure.ts';
import { testPool } from '../support/database.ts';
import { checkFacturX } from '../support/facturx.ts';
import { pdfBytesSignature, pdfBytesText, testPdfRendering } from '../support/pdf.ts';

let pool: DatabasePool;
const rendering = testPdfRendering();
// A year of its own, so no other test file shares the series.
const year = 2040 + Math.floor(Math.random() * 55);
const issuedOn = `${year}-01-15`;

beforeAll(async () => {
  pool = await testPool();
});
afterAll(async () => {
  await rendering.converter.close();
  await pool?.end();
});

/**
 * What PDF/A asks that poppler can see (veraPDF, the full check, cannot be had here): every font
 * embedded, and the document information saying what the XMP says.
 */
async function pdfaBasics(pdf: Buffer): Promise<{ unembeddedFonts: string[]; producers: string[] }> {
  const run = promisify(execFile);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'pdfa-'));
  try {
    const file = path.join(scratch, 'invoice.pdf');
    await writeFile(file, pdf);
    const fonts = (await run('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    const info = (await run('pdfinfo', [file])).stdout;
    const xmp = (await run('pdfinfo', ['-meta', file])).stdout;
    return {
      unembeddedFonts: fonts.filter((font) => !/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.test(font)),
      producers: [/^Producer:\s+(.*)$/m.exec(info)?.[1] ?? '', /<pdf:Producer>([^<]*)</.exec(xmp)?.[1] ?? ''],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const counter = (series: string) =>
  pool.oneFirst(sql.type(z.object({ last_number: z.number() }))`
    select last_number from invoice_series where series = ${series}`);

describe('client invoice numbers (real Postgres)', () => {
  const numberYear = year + 1;
  const subject = (sessionId: string) => ({
    missionId: randomUUID(),
    sessionId,
    payer: 'client' as const,
    issuedOn: `${numberYear}-02-01`,
  });
  const build = async () => ({
    docx: Buffer.from(randomUUID()),
    xml: '<x/>',
    netCents: 100,
    grossCents: 100,
    organisationSettingsVersion: 1,
    claims: {},
  });

  it('gives each invoice one number, with no gap and no duplicate, under concurrent retries', async () => {
    const sessions: string[] = Array.from({ length: 20 }, () => randomUUID());
    const subjects = new Map(sessions.map((sessionId) => [sessionId, subject(sessionId)]));
    const attempt = (sessionId: string) =>
      issueNumberedInvoice(pool, subjects.get(sessionId) ?? subject(sessionId), build);
    const rows = await Promise.all(sessions.flatMap((sessionId) => [attempt(sessionId), attempt(sessionId)]));
    const bySession = new Map<string, Set<string>>();
    for (const row of rows)
      bySession.set(row.sessionId, (bySession.get(row.sessionId) ?? new Set()).add(row.invoiceNumber));
    for (const numbers of bySession.values()) expect(numbers.size).toBe(1);
    const numbers = [...new Set(rows.map((row) => row.number))].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(rows.find((row) => row.number === 7)?.invoiceNumber).toBe(`F-${numberYear}-0007`);
    expect(await counter(`F-${numberYear}`)).toBe(20);
  });

  it('gives the number of a build that failed to the next invoice, and keeps no trace of the failed one', async () => {
    const failed = randomUUID();
    await expect(
      issueNumberedInvoice(pool, subject(failed), async () => {
        throw new RangeError('the build broke after the number was taken');
      }),
    ).rejects.toThrow('the build broke');
    expect(await counter(`F-${numberYear}`)).toBe(20);
    const next = await issueNumberedInvoice(pool, subject(randomUUID()), build);
    expect(next.invoiceNumber).toBe(`F-${numberYear}-0021`);
    const stored = await pool.one(sql.type(z.object({ rows: z.number(), documents: z.number() }))`
      select count(*)::int as rows,
        (select count(*)::int from documents where session_id = ${failed}) as documents
      from client_invoices where series = ${`F-${numberYear}`}`);
    expect(stored).toEqual({ rows: 21, documents: 0 });
  });
});

describe('invoices at closure (real Postgres, LibreOffice, poppler, factur-x)', () => {
  const missionId = randomUUID();
  const clientName = `Acme Industries SAS ${randomUUID().slice(0, 8)}`;
  const companySiret = '12345678900012';
  const certificateIds = [randomUUID(), randomUUID()];
  const sheetId = randomUUID();
  const fundingRequest: FundingRequest = {
    kind: 'opco',
    client: {
      type: 'company',
      companyName: 'Acme Industries SAS',
      siret: companySiret,
      managerName: 'Bertrand Durand',
      trainingContactName: null,
      phone: '04 72 00 00 00',
      address: { street: '8 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' },
      trainingPlace: 'Lyon',
      contactEmail: 'rh@acme.example',
    },
    expenses: [],
  };
  const ids = { partial: randomUUID(), full: randomUUID(), refused: randomUUID(), workshop: randomUUID() };
  const sessions: InvoiceableSession[] = [
    {
      sessionId: ids.partial,
      title: 'Comprendre et agir : les enjeux climatiques',
      kind: 'training',
      date: `${year}-01-12T08:00:00.000Z`,
      priceCents: 280_000,
      fundedCents: 200_000,
      clientCents: 80_000,
      funder: 'opco',
      agreementNumber: 'PEC-2027/0042',
    },
    {
      sessionId: ids.full,
      title: 'Bilan carbone',
      kind: 'training',
      date: `${year}-01-13T08:00:00.000Z`,
      priceCents: 140_000,
      fundedCents: 140_000,
      clientCents: 0,
      funder: 'opco',
      agreementNumber: 'AF 12.7',
    },
    {
      sessionId: ids.refused,
      title: 'Sobriété numérique',
      kind: 'training',
      date: `${year}-01-14T08:00:00.000Z`,
      priceCents: 140_000,
      fundedCents: 0,
      clientCents: 140_000,
      funder: 'opco',
      agreementNumber: null,
    },
    {
      sessionId: ids.workshop,
      title: 'Fresque du climat',
      kind: 'workshop',
      date: `${year}-01-14T13:00:00.000Z`,
      priceCents: 90_000,
      fundedCents: 0,
      clientCents: 90_000,
      funder: null,
      agreementNumber: null,
    },
  ];
  let result: ClientInvoicesResult;

  beforeAll(async () => {
    await pool.query(sql.unsafe`
      insert into missions (id, title, client_name, sector, deal_type, coordinator_id, coordinator_name,
        coordinator_email, status, end_date, workflow_id, version, created_at, updated_at)
      values (${missionId}, 'Climat', ${clientName}, 'company', 'subcontracting', 'c', 'Camille', 'c@example.org',
        'closed', ${`${year}-12-31`}, ${`mission-${missionId}`}, 1, now(), now())`);
    for (const session of sessions) {
      const day = session.date.slice(0, 10);
      await pool.query(sql.unsafe`
        insert into sessions (id, mission_id, kind, title, starts_at, ends_at, location, language, time_zone,
          capacity, other_facilitators, status)
        values (${session.sessionId}, ${missionId}, ${session.kind}, ${session.title}, ${`${day}T07:00:00Z`},
          ${session.kind === 'training' ? `${day}T15:00:00Z` : `${day}T15:30:00Z`}, '{"mode":"online","url":"https://v.example.org"}',
          'fr', 'Europe/Paris', 12, 0, 'ended')`);
      const certificates =
        session.sessionId === ids.partial
          ? [
              { participantId: 'p1', hoursAttended: 7, documentId: certificateIds[0], sentAt: null },
              { participantId: 'p2', hoursAttended: 3.5, documentId: certificateIds[1], sentAt: null },
              // Its sheet judged non-compliant after it was sent: its hours are no longer backed.
              {
                participantId: 'p3',
                hoursAttended: 7,
                documentId: randomUUID(),
                sentAt: null,
                flag: 'non_compliant_sheet',
              },
            ]
          : [{ participantId: 'p1', hoursAttended: 7, documentId: null, sentAt: null }];
      await pool.query(sql.unsafe`
        insert into session_staffing (session_id, mission_id, version, slots_total, slots_taken, attendance, funding,
          certificates)
        values (${session.sessionId}, ${missionId}, 1, 1, 1,
          ${sql.jsonb({ status: 'signed', signedSheetDocumentId: session.sessionId === ids.partial ? sheetId : null })},
          ${session.kind === 'training' ? sql.jsonb({ request: fundingRequest }) : null},
          ${sql.jsonb(certificates)})`);
    }
    await setBillingParty(pool, `opco:${companySiret.slice(0, 9)}`, {
      legalName: 'OPCO Atlas',
      addressLine: '25 quai Panhard et Levassor',
      postalCode: '75013',
      city: 'Paris',
      country: 'FR',
      siren: '851296632',
      vatNumber: null,
    });
    await setBillingParty(pool, `client:${clientName}`, {
      legalName: 'Acme Industries SAS',
      addressLine: '8 avenue Jean Jaurès',
      postalCode: '69007',
      city: 'Lyon',
      country: 'FR',
      siren: '123456789',
      vatNumber: null,
    });
    result = await issueClientInvoicesActivity(pool)({
      missionId,
      missionTitle: 'Climat',
      clientName,
      issuedOn,
      sessions,
    });
  });

  const pdfOf = async (documentId: string) => {
    const document = await findDocument(pool, documentId);
    if (!document) throw new Error(`document ${documentId} not stored`);
    return (await sealedPdfOf(pool, rendering, document)).bytes;
  };
  const invoiceOf = (sessionId: string, payer: 'funder' | 'client') => {
    const invoice = result.issued.find((issued) => issued.sessionId === sessionId && issued.payer === payer);
    if (!invoice) throw new Error(`no ${payer} invoice for ${sessionId}`);
    return invoice;
  };

  it('invoices each payer its share: the OPCO and the client for a partial funding, the OPCO for a full one, the client for a refused or self-funded session', () => {
    expect(result.notIssued).toEqual([]);
    expect(result.issued.map(({ sessionId, payer, grossCents }) => [sessionId, payer, grossCents])).toEqual([
      [ids.partial, 'funder', 200_000],
      [ids.partial, 'client', 80_000],
      [ids.full, 'funder', 140_000],
      [ids.refused, 'client', 140_000],
      [ids.workshop, 'client', 90_000],
    ]);
    expect(result.issued.map((invoice) => invoice.invoiceNumber)).toEqual(
      [1, 2, 3, 4, 5].map((number) => `F-${year}-000${number}`),
    );
  });

  it('attaches the certificates and the signed sheet to the OPCO’s invoice only', () => {
    expect(invoiceOf(ids.partial, 'funder').attachmentIds).toEqual([...certificateIds, sheetId]);
    expect(invoiceOf(ids.partial, 'client').attachmentIds).toEqual([]);
  });

  it('returns the very same invoices when the activity is retried', async () => {
    const retried = await issueClientInvoicesActivity(pool)({
      missionId,
      missionTitle: 'Climat',
      clientName,
      issuedOn,
      sessions,
    });
    expect(retried).toEqual(result);
    expect(await counter(`F-${year}`)).toBe(5);
  });

  it('issues the OPCO a sealed Factur-X PDF/A-3 with its agreement number, the hours and the legal mentions', async () => {
    const pdf = await pdfOf(invoiceOf(ids.partial, 'funder').documentId);
    const report = await checkFacturX(pdf);
    expect(report.xsd).toMatchObject({ ok: true });
    expect(report.failed).toEqual({ en16931: [], frCtc: [] });
    expect(report.xml).toContain('<ram:IssuerAssignedID>PEC-2027/0042</ram:IssuerAssignedID>');
    expect(report.xml).toContain('<ram:DuePayableAmount>2000.00</ram:DuePayableAmount>');
    expect(report.xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
    expect(pdf.toString('latin1')).toContain('/AFRelationship /Alternative');
    expect(pdf.toString('latin1')).toContain('<pdfaid:part>3</pdfaid:part>');
    const basics = await pdfaBasics(pdf);
    expect(basics.unembeddedFonts).toEqual([]);
    expect(basics.producers[0]).toBe(basics.producers[1]);
    expect(await pdfBytesSignature(pdf)).toContain('Signature is Valid');
    const text = (await pdfBytesText(pdf)).replace(/\s+/g, ' ');
    for (const mention of [
      `FACTURE N° F-${year}-0001`,
      'OPCO Atlas',
      'SIREN : 851296632',
      'SIRET : 80123456800005',
      'N° TVA intracommunautaire : FR66801234568',
      'pour le compte de Acme Industries SAS (SIREN 123456789)',
      'Accord de prise en charge n° PEC-2027/0042',
      '10,5 heures réalisées (2 stagiaires, heures cumulées)',
      'Nature des opérations : prestations de services',
      'TVA non applicable, art. 261-4-4°',
      'Net à payer : 2 000,00 €',
      `Échéance : 14/02/${year}`,
      "trois fois le taux d'intérêt légal",
      'Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40 €',
      "Pas d'escompte pour paiement anticipé",
      'Facture électronique Factur-X',
    ])
      expect(text).toContain(mention);
  });

  it('issues the client its share and a self-funded workshop its whole price, each a valid Factur-X', async () => {
    for (const [sessionId, amount] of [
      [ids.partial, '800.00'],
      [ids.workshop, '900.00'],
    ] as const) {
      const pdf = await pdfOf(invoiceOf(sessionId, 'client').documentId);
      const report = await checkFacturX(pdf);
      expect(report.xsd).toMatchObject({ ok: true });
      expect(report.failed).toEqual({ en16931: [], frCtc: [] });
      expect(report.xml).toContain(`<ram:DuePayableAmount>${amount}</ram:DuePayableAmount>`);
      expect(await pdfBytesSignature(pdf)).toContain('Signature is Valid');
    }
    const text = (await pdfBytesText(await pdfOf(invoiceOf(ids.partial, 'client').documentId))).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Part restant à la charge du client : 800,00 € sur un prix de 2 800,00 €');
  });

  it('issues the self-billing invoice as a valid Factur-X too (type 389, the provider as seller)', async () => {
    const issued = await issueSelfBillingInvoiceActivity(pool)({
      payoutId: randomUUID(),
      missionId,
      missionTitle: 'Climat',
      clientName,
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
          sessionId: ids.partial,
          kind: 'training',
          role: 'lead',
          title: 'Climat',
          date: `${year}-01-12T08:00:00.000Z`,
          amountCents: 60_000,
        },
      ],
      issuedOn,
    });
    const pdf = await pdfOf(issued.documentId);
    const report = await checkFacturX(pdf);
    expect(report.xsd).toMatchObject({ ok: true });
    expect(report.failed).toEqual({ en16931: [], frCtc: [] });
    expect(report.xml).toContain('<ram:TypeCode>389</ram:TypeCode>');
    expect(report.xml).toContain('<ram:GrandTotalAmount>720.00</ram:GrandTotalAmount>');
    expect(await pdfBytesSignature(pdf)).toContain('Signature is Valid');
  });

  it('sends a self-billing invoice whose address names no postal code as a plain sealed PDF, saying nothing of Factur-X', async () => {
    const request: SelfBillingRequest = {
      payoutId: randomUUID(),
      missionId,
      missionTitle: 'Climat',
      clientName,
      provider: {
        providerId: 'sam',
        legalName: 'Sam Roux',
        address: 'Chez Sam, Toulouse',
        country: 'FR',
        siret: '12345678900012',
        vatNumber: null,
        vatRatePercent: null,
        selfBillingMandateSignedOn: '2026-01-01',
      },
      lines: [
        {
          sessionId: ids.full,
          kind: 'training',
          role: 'lead',
          title: 'Bilan carbone',
          date: `${year}-01-13T08:00:00.000Z`,
          amountCents: 60_000,
        },
      ],
      issuedOn,
    };
    const issued = (await new MockActivityEnvironment().run(
      issueSelfBillingInvoiceActivity(pool),
      request,
    )) as IssuedInvoice;
    const pdf = await pdfOf(issued.documentId);
    expect(pdf.toString('latin1')).not.toContain('pdfaid:part');
    const text = (await pdfBytesText(pdf)).replace(/\s+/g, ' ');
    expect(text).not.toContain('Factur-X');
    expect(text).toContain('Document scellé électroniquement');
    expect(await pdfBytesSignature(pdf)).toContain('Signature is Valid');
  });

  it('numbers no invoice it cannot address, and says what is missing', async () => {
    const orphan = randomUUID();
    const unknownClient = `Inconnu ${randomUUID().slice(0, 8)}`;
    await pool.query(sql.unsafe`
      insert into sessions (id, mission_id, kind, title, starts_at, ends_at, location, language, time_zone,
        capacity, other_facilitators, status)
      values (${orphan}, ${missionId}, 'workshop', 'Atelier', ${`${year}-03-01T08:00:00Z`}, ${`${year}-03-01T11:00:00Z`},
        '{"mode":"online","url":"https://v.example.org"}', 'fr', 'Europe/Paris', 12, 0, 'ended')`);
    const before = await counter(`F-${year}`);
    const outcome = await issueClientInvoicesActivity(pool)({
      missionId,
      missionTitle: 'Climat',
      clientName: unknownClient,
      issuedOn,
      sessions: [{ ...sessions[3], sessionId: orphan } as InvoiceableSession],
    });
    expect(outcome.issued).toEqual([]);
    expect(outcome.notIssued).toEqual([
      {
        sessionId: orphan,
        payer: 'client',
        reason: expect.stringContaining(
          `l'adresse de facturation de ${unknownClient} n'est pas connue : saisissez-la dans la console`,
        ),
      },
    ]);
    expect(await counter(`F-${year}`)).toBe(before);
  });
});
