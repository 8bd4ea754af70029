/**
 * The invoice to a client or, under subrogation, to the OPCO funding a session: what it says
 * (one EN 16931 invoice, clientInvoiceContent) and the Word document showing it. The same
 * content makes the Factur-X XML, so the PDF a person reads and the XML software reads agree.
 *
 * The mentions, and where the law asks for them:
 * - Code de commerce L441-9 I: number, date, parties' names and addresses, date and precise
 *   designation of the service, unit price net of VAT, the due date, the conditions of a
 *   discount for early payment, the rate of late-payment penalties and the fixed recovery
 *   indemnity; L441-10 II and D441-5: penalties at least three times the legal interest rate,
 *   an indemnity of 40 €, owed by professionals only.
 * - CGI annex II art. 242 nonies A I: the parties' SIREN (1°, décret 2022-1299), the seller's
 *   VAT number (2°), issue date (6°), a number in one chronological, continuous series (7°),
 *   the reference of the VAT exemption that applies (art. 261-4-4° a for vocational training),
 *   and, from the e-invoicing reform (décret 2024-266: 1 September 2026 or 2027 by size), the
 *   nature of the operations (services here) and the option for VAT on debits when taken (not
 *   taken: VAT on services falls due on receipt). A delivery address is asked for goods only.
 * - Code du travail L6352-12: the training provider's declaration number on its documents.
 */
import { AlignmentType, Document, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { InvoicePayer } from '../../workflows/rules/client-invoices.ts';
import { dueDate } from '../../workflows/rules/client-invoices.ts';
import type { OrganisationSettings } from '../../workflows/rules/organisation-settings.ts';
import { formatDate, formatEuros, formatNumber } from '../format/french.ts';
import {
  type EInvoice,
  type EInvoiceParty,
  eInvoiceTotals,
  type NoteSubject,
  sirenOf,
  splitFrenchAddress,
} from './einvoice/model.ts';
import { line, PAGE, TEXT_WIDTH } from './layout.ts';
import type { Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';

/** Standard rate when the association charges VAT (CGI art. 278). */
const STANDARD_VAT_PERCENT = 20;

export interface ClientInvoiceFacts {
  invoiceNumber: string;
  issuedOn: string;
  payer: InvoicePayer;
  buyer: EInvoiceParty;
  /** On the OPCO's invoice: the company trained, on whose behalf the OPCO pays. */
  beneficiary: { name: string; siren: string | null } | null;
  session: {
    title: string;
    kind: 'workshop' | 'training';
    /** YYYY-MM-DD, the first and last day. */
    from: string;
    to: string;
    trainees: number;
    /** Trainee-hours the signed half-days and the certificates back. */
    hoursDelivered: number;
  };
  /** The session's price, and this payer's share of it. */
  totalCents: number;
  amountCents: number;
  agreementNumber: string | null;
  missionTitle: string;
}

export interface ClientInvoiceContent {
  invoice: EInvoice;
  /** What the page says about the session and the funding, line by line. */
  details: string[];
  /** Professionals owe the 40 € indemnity (L441-10 II); a private person does not. */
  professionalBuyer: boolean;
}

const KIND_LABELS = { workshop: 'Atelier', training: 'Formation' } as const;
/** What backs the hours, as the session's kind names its documents (workflows/rules/certificates.ts). */
const PROOFS = {
  training: 'les demi-journées signées et les certificats de réalisation',
  workshop: "la feuille d'émargement et les attestations de participation",
} as const;
const ATTACHED = {
  training: 'certificats de réalisation et feuille d’émargement signée',
  workshop: 'attestations de participation et feuille d’émargement signée',
} as const;

export function assertInvoiceFacts(facts: ClientInvoiceFacts): void {
  if (!Number.isInteger(facts.amountCents) || facts.amountCents <= 0)
    throw new RangeError('an invoice is for a whole, positive number of cents');
  if (!facts.buyer.name.trim() || !facts.buyer.address.line.trim())
    throw new RangeError('an invoice names its buyer and the buyer’s address');
  if (facts.payer === 'funder' && !facts.agreementNumber)
    throw new RangeError('the OPCO’s invoice quotes its agreement number');
}

export function clientInvoiceContent(
  facts: ClientInvoiceFacts,
  settings: OrganisationSettings,
): ClientInvoiceContent {
  assertInvoiceFacts(facts);
  const { session } = facts;
  const professionalBuyer = facts.buyer.siren !== null;
  const period =
    session.from === session.to
      ? `le ${formatDate(session.from)}`
      : `du ${formatDate(session.from)} au ${formatDate(session.to)}`;
  const people = session.kind === 'training' ? 'stagiaire' : 'participant·e';
  const hours = `${formatNumber(session.hoursDelivered)} heures réalisées (${session.trainees} ${people}${session.trainees > 1 ? 's' : ''}, heures cumulées)`;
  const share =
    facts.amountCents === facts.totalCents
      ? null
      : facts.payer === 'funder'
        ? `Part prise en charge par l'OPCO : ${formatEuros(facts.amountCents)} sur un prix de ${formatEuros(facts.totalCents)} ; le reste, ${formatEuros(facts.totalCents - facts.amountCents)}, est facturé à l'entreprise.`
        : `Part restant à la charge du client : ${formatEuros(facts.amountCents)} sur un prix de ${formatEuros(facts.totalCents)} ; ${formatEuros(facts.totalCents - facts.amountCents)} sont facturés à l'OPCO (subrogation de paiement).`;
  const details = [
    `${KIND_LABELS[session.kind]} « ${session.title} », ${period} — mission « ${facts.missionTitle} ».`,
    ...(facts.payer === 'funder' && facts.beneficiary
      ? [
          `Subrogation de paiement : facture adressée à l'OPCO pour le compte de ${facts.beneficiary.name}${facts.beneficiary.siren ? ` (SIREN ${facts.beneficiary.siren})` : ''}.`,
        ]
      : []),
    ...(facts.agreementNumber ? [`Accord de prise en charge n° ${facts.agreementNumber}.`] : []),
    `${hours}, d'après ${PROOFS[session.kind]}.`,
    ...(facts.payer === 'funder' ? [`Pièces jointes : ${ATTACHED[session.kind]}.`] : []),
    ...(share ? [share] : []),
  ];

  const termDays = settings.paymentTermDays;
  const dueOn = dueDate(facts.issuedOn, termDays);
  const notes: { subject: NoteSubject; text: string }[] = [
    { subject: 'AAB', text: "Pas d'escompte pour paiement anticipé." },
    {
      subject: 'PMD',
      text: "En cas de retard de paiement, pénalités au taux de trois fois le taux d'intérêt légal (art. L441-10 du Code de commerce).",
    },
    ...(professionalBuyer
      ? [
          {
            subject: 'PMT' as const,
            text: 'Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40 € (art. L441-10 et D441-5 du Code de commerce).',
          },
        ]
      : []),
    { subject: 'AAI', text: 'Nature des opérations : prestations de services.' },
  ];
  const seller: EInvoiceParty = {
    name: settings.legalName,
    siren: sirenOf(settings.siret),
    vatNumber: settings.vatNumber,
    address: splitFrenchAddress(settings.address),
  };
  const invoice: EInvoice = {
    number: facts.invoiceNumber,
    typeCode: '380',
    issuedOn: facts.issuedOn,
    dueOn,
    deliveredOn: session.to,
    seller,
    buyer: facts.buyer,
    lines: [
      {
        name: `${KIND_LABELS[session.kind]} « ${session.title} »`,
        description: `${period}, ${hours}${facts.agreementNumber ? `, accord n° ${facts.agreementNumber}` : ''}`,
        netCents: facts.amountCents,
      },
    ],
    vat: settings.vatExemption
      ? { kind: 'exempt', mention: settings.vatExemption }
      : { kind: 'standard', ratePercent: STANDARD_VAT_PERCENT },
    contractReference: facts.agreementNumber,
    paymentTerms: `Paiement à ${termDays} jours, au plus tard le ${formatDate(dueOn)}, par virement.`,
    notes,
  };
  return { invoice, details, professionalBuyer };
}

function partyLines(title: string, party: EInvoiceParty, siret: string | null) {
  const { address } = party;
  return [
    line([{ text: title, bold: true }]),
    line([party.name]),
    line([`${address.line}, ${address.postalCode} ${address.city}`]),
    ...(siret ? [line([`SIRET : ${siret}`])] : party.siren ? [line([`SIREN : ${party.siren}`])] : []),
    line([party.vatNumber ? `N° TVA intracommunautaire : ${party.vatNumber}` : 'Pas de numéro de TVA'], {
      after: 240,
    }),
  ];
}

export async function buildClientInvoice(
  content: ClientInvoiceContent,
  organisation: Organisation,
): Promise<Buffer> {
  const { invoice, details } = content;
  const { settings } = organisation;
  const totals = eInvoiceTotals(invoice);
  const document = new Document({
    creator: settings.legalName,
    title: `Facture ${invoice.number}`,
    styles: { default: { document: { run: { font: 'Arial', size: 20, language: { value: 'fr-FR' } } } } },
    sections: [
      {
        properties: PAGE,
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun({ text: `FACTURE N° ${invoice.number}`, bold: true, size: 32 })],
          }),
          ...partyLines('Prestataire', invoice.seller, settings.siret),
          line(
            [
              `Déclaration d'activité n° ${settings.trainingProviderNumber} (${settings.trainingProviderRegion}) — cet enregistrement ne vaut pas agrément de l'État.`,
            ],
            { after: 240 },
          ),
          ...partyLines(content.professionalBuyer ? 'Client' : 'Client (particulier)', invoice.buyer, null),
          line([`Date d'émission : ${formatDate(invoice.issuedOn)}`]),
          line(['Nature des opérations : prestations de services'], { after: 240 }),
          ...details.map((text, index) => line([text], { after: index === details.length - 1 ? 240 : 80 })),
          linesTable(invoice),
          line([`Total HT : ${formatEuros(totals.netCents)}`], { before: 240, right: true }),
          line(
            [
              invoice.vat.kind === 'exempt'
                ? invoice.vat.mention
                : `TVA ${formatNumber(invoice.vat.ratePercent)} % : ${formatEuros(totals.vatCents)}`,
            ],
            { right: true },
          ),
          line([{ text: `Net à payer : ${formatEuros(totals.grossCents)}`, bold: true }], {
            right: true,
            after: 360,
          }),
          line([`Échéance : ${formatDate(invoice.dueOn)}. ${invoice.paymentTerms}`]),
          ...invoice.notes.filter((note) => note.subject !== 'AAI').map((note) => line([note.text])),
          line([{ text: `Référence à rappeler avec le paiement : ${invoice.number}`, size: 16 }], {
            before: 240,
          }),
          // The seal prints no notice on a PDF/A (pdf/seal.ts): the invoice says it itself.
          line([
            {
              text: `Facture électronique Factur-X (PDF/A-3 portant la facture structurée EN 16931), scellée électroniquement par ${settings.legalName} : le fichier PDF fait foi, toute modification invalide le sceau.`,
              size: 13,
              color: '595959',
            },
          ]),
        ],
      },
    ],
  });
  return packDocx(document, invoice.issuedOn);
}

function linesTable(invoice: EInvoice): Table {
  const cell = (text: string, bold = false, right = false) =>
    new TableCell({
      margins: { left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold })],
        }),
      ],
    });
  const widths = [5400, 700, 1769, 1769];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['Désignation', 'Qté', 'Prix unitaire HT', 'Montant HT'].map((title, index) =>
          cell(title, true, index >= 1),
        ),
      }),
      ...invoice.lines.map(
        (entry) =>
          new TableRow({
            children: [
              new TableCell({
                margins: { left: 80, right: 80 },
                children: [
                  new Paragraph({ children: [new TextRun({ text: entry.name })] }),
                  ...(entry.description
                    ? [new Paragraph({ children: [new TextRun({ text: entry.description, size: 16 })] })]
                    : []),
                ],
              }),
              cell('1', false, true),
              cell(formatEuros(entry.netCents), false, true),
              cell(formatEuros(entry.netCents), false, true),
            ],
          }),
      ),
    ],
  });
}
