/**
 * Writes a sample attendance sheet, certificate and self-billing invoice to open and look at, and PDFs of them when
 * LibreOffice is on PATH: `node scripts/render-documents.ts [folder]` (default .data/samples).
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildAttendanceSheet } from '../activities/documents/attendance-sheet.ts';
import { buildCertificate } from '../activities/documents/certificate.ts';
import { buildSelfBillingInvoice } from '../activities/documents/self-billing-invoice.ts';
import { SAMPLE_ORGANISATION } from '../test/support/organisation.ts';
import type { AttendanceSheetData, CertificateData } from '../workflows/messages/documents.ts';
import type { SelfBillingRequest } from '../workflows/messages/payouts.ts';

const missionId = '7d2f4c1e-3b8a-4e59-9c61-0a5b2d8e4f17';
const sessionId = 'c3a9e2b4-5f61-4d7e-8a02-91b4e6d3c5a8';

const people: [string, string][] = [
  ['Éloïse', 'Lefèvre'],
  ['Jean-Baptiste', 'Ngoué'],
  ['Inès', 'Benali'],
  ['Théo', 'Marchand'],
  ['Maëlle', 'Le Goff'],
  ['François', 'Dupré-Lacoste'],
  ['Zoé', 'Garçon'],
  ['Noël', 'Øster'],
  ['Anaïs', 'Perrin'],
  ['Loïc', 'Rousseau'],
  ['Cécile', 'Vasseur'],
  ['Mathéo', 'Fontaine'],
];

const sheet: AttendanceSheetData = {
  missionId,
  missionTitle: 'Formation Fresque du climat – Acme Industries 2027',
  clientName: 'Acme Industries SAS',
  sessionId,
  sessionTitle: 'Comprendre et agir : les enjeux climatiques',
  kind: 'training',
  place: 'Acme Industries, salle Rhône, 45 quai Perrache, 69002 Lyon',
  timeZone: 'Europe/Paris',
  facilitators: [{ name: 'Camille Martin' }, { name: 'Hélène Bérard' }],
  halfDays: [
    {
      date: '2027-01-12',
      period: 'morning',
      startsAt: '2027-01-12T08:00:00Z',
      endsAt: '2027-01-12T11:30:00Z',
      content: 'Accueil, objectifs ; atelier Fresque du climat : causes et conséquences',
    },
    {
      date: '2027-01-12',
      period: 'afternoon',
      startsAt: '2027-01-12T12:30:00Z',
      endsAt: '2027-01-12T16:00:00Z',
      content: 'Ordres de grandeur : énergie, émissions, budget carbone',
    },
    {
      date: '2027-01-13',
      period: 'morning',
      startsAt: '2027-01-13T08:00:00Z',
      endsAt: '2027-01-13T11:30:00Z',
      content: "Leviers d'action dans l'entreprise : achats, mobilité, numérique",
    },
    {
      date: '2027-01-13',
      period: 'afternoon',
      startsAt: '2027-01-13T12:30:00Z',
      endsAt: '2027-01-13T16:00:00Z',
      content: "Plan d'action de l'équipe, évaluation des acquis et bilan",
    },
  ],
  participants: people.map(([firstName, lastName], index) => ({
    participantId: `participant-${index + 1}`,
    firstName,
    lastName,
    email: `${firstName}.${lastName}`
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z.-]/g, '')
      .toLowerCase()
      .concat('@acme-industries.example'),
  })),
};

const certificate: CertificateData = {
  missionId,
  sessionId,
  participantId: 'participant-1',
  participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
  clientName: sheet.clientName,
  actionTitle: sheet.sessionTitle,
  actionNature: 'action de formation',
  from: '2027-01-12',
  to: '2027-01-13',
  hoursAttended: 10.5,
  hoursPlanned: 14,
  issuedOn: '2027-01-14',
};

const invoice: SelfBillingRequest = {
  payoutId: '5b1c9e7a-2d4f-4a83-b6e0-8f3c1d2a9e64',
  missionId,
  missionTitle: sheet.missionTitle,
  clientName: sheet.clientName,
  provider: {
    providerId: 'camille-martin',
    legalName: 'Camille Martin EI',
    address: '14 rue Paul Bert, 69003 Lyon',
    country: 'FR',
    siret: '91234567800015',
    vatNumber: 'FR45912345678',
    vatRatePercent: 20,
    selfBillingMandateSignedOn: '2026-09-01',
  },
  lines: [
    {
      sessionId,
      kind: 'training',
      role: 'lead',
      title: sheet.sessionTitle,
      date: '2027-01-12T08:00:00Z',
      amountCents: 60_000,
    },
    {
      sessionId: null,
      kind: 'workshop',
      role: 'coordination',
      title: 'Fresque du climat – équipe achats',
      date: '2027-01-20T08:00:00Z',
      amountCents: 5_000,
    },
  ],
  issuedOn: '2027-02-03',
};

/** The first of `names` found as an executable on PATH. */
async function onPath(names: string[]): Promise<string | null> {
  for (const name of names) {
    for (const folder of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(folder, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {}
    }
  }
  return null;
}

const folder = path.resolve(process.argv[2] ?? '.data/samples');
await mkdir(folder, { recursive: true });
const sheetFile = path.join(folder, 'feuille-emargement.docx');
const certificateFile = path.join(folder, 'certificat-realisation.docx');
const invoiceFile = path.join(folder, 'autofacture.docx');
await writeFile(sheetFile, await buildAttendanceSheet(sheet, SAMPLE_ORGANISATION));
await writeFile(certificateFile, await buildCertificate(certificate, SAMPLE_ORGANISATION));
await writeFile(invoiceFile, await buildSelfBillingInvoice(invoice, 'AF-2027-00042', SAMPLE_ORGANISATION));
const files = [sheetFile, certificateFile, invoiceFile];
for (const file of files) process.stdout.write(`${file}\n`);

const office = await onPath(['libreoffice', 'soffice']);
if (office) {
  await promisify(execFile)(office, ['--headless', '--convert-to', 'pdf', '--outdir', folder, ...files]);
  for (const file of files) process.stdout.write(`${file.replace(/\.docx$/, '.pdf')}\n`);
} else {
  process.stdout.write('no libreoffice or soffice on PATH: no PDFs\n');
}
