/**
 * The self-billing invoice ("autofacture"): issued by the association in the provider's name
 * under their mandate, with the mentions French law requires of an invoice (CGI art. 242 nonies A)
 * and of self-billing in particular. Always in French.
 */
import { AlignmentType, Document, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PricedLine, SelfBillingRequest } from '../../workflows/messages/payouts.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import { line, PAGE, TEXT_WIDTH } from './layout.ts';
import type { Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';

const ROLE_LABELS: Record<PricedLine['role'], string> = {
  lead: 'animation',
  co_facilitator: 'co-animation',
  coordination: 'coordination',
};
const KIND_LABELS: Record<PricedLine['kind'], string> = { workshop: 'atelier', training: 'formation' };

export interface InvoiceTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** VAT is rounded once, on the total, to the cent. */
export function invoiceTotals(lines: PricedLine[], vatRatePercent: number | null): InvoiceTotals {
  const netCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const vatCents = vatRatePercent === null ? 0 : Math.round((netCents * vatRatePercent) / 100);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

/** Throws when the request cannot make a valid invoice: checked before a number is taken. */
export function assertInvoiceable(request: SelfBillingRequest): void {
  if (request.lines.length === 0) throw new RangeError('an invoice needs at least one line');
  if (!request.provider.siret || !request.provider.address)
    throw new RangeError('a self-billing invoice must name the provider’s SIRET and address');
  if (request.lines.some((line) => !Number.isInteger(line.amountCents) || line.amountCents < 0))
    throw new RangeError('line amounts are whole, non-negative cents');
}

export async function buildSelfBillingInvoice(
  request: SelfBillingRequest,
  invoiceNumber: string,
  organisation: Organisation,
  /** Whether it goes out as Factur-X (its XML could be made): the page then says so itself. */
  eInvoice = true,
): Promise<Buffer> {
  assertInvoiceable(request);
  const { provider } = request;
  const { settings } = organisation;
  const address = provider.address ?? '';
  const totals = invoiceTotals(request.lines, provider.vatRatePercent);
  const due = new Date(`${request.issuedOn}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + settings.paymentTermDays);
  const dueOn = due.toISOString().slice(0, 10);
  const dates = request.lines.map((line) => line.date).sort();

  const document = new Document({
    creator: settings.legalName,
    title: `Autofacture ${invoiceNumber}`,
    styles: { default: { document: { run: { font: 'Arial', size: 20, language: { value: 'fr-FR' } } } } },
    sections: [
      {
        properties: PAGE,
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: `FACTURE N° ${invoiceNumber}`, bold: true, size: 32 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun({ text: 'Autofacturation', bold: true, size: 24 })],
          }),
          line([{ text: 'Prestataire (émetteur de la facture)', bold: true }]),
          line([provider.legalName]),
          line([address]),
          line([`SIRET : ${provider.siret}`]),
          line([
            provider.vatNumber ? `N° TVA intracommunautaire : ${provider.vatNumber}` : 'Pas de numéro de TVA',
          ]),
          line([{ text: 'Client', bold: true }], { before: 240 }),
          line([settings.legalName]),
          line([settings.address]),
          line([`SIRET : ${settings.siret}`]),
          line(
            [
              settings.vatNumber
                ? `N° TVA intracommunautaire : ${settings.vatNumber}`
                : 'Pas de numéro de TVA',
            ],
            {
              after: 240,
            },
          ),
          line([`Date d'émission : ${formatDate(request.issuedOn)}`]),
          line([
            `Date${dates.length > 1 ? 's' : ''} de la prestation : ${
              dates.length > 1
                ? `du ${formatDate(dates[0] ?? '')} au ${formatDate(dates.at(-1) ?? '')}`
                : formatDate(dates[0] ?? '')
            }`,
          ]),
          line([`Mission : ${request.missionTitle} — client final ${request.clientName}`]),
          // The e-invoicing reform's mention (CGI annex II art. 242 nonies A, décret 2022-1299).
          line(['Nature des opérations : prestations de services'], { after: 240 }),
          linesTable(request.lines),
          line([`Total HT : ${formatEuros(totals.netCents)}`], { before: 240, right: true }),
          line(
            [
              provider.vatRatePercent === null
                ? 'TVA non applicable, art. 293 B du CGI'
                : `TVA ${new Intl.NumberFormat('fr-FR').format(provider.vatRatePercent)} % : ${formatEuros(totals.vatCents)}`,
            ],
            { right: true },
          ),
          line([{ text: `Total TTC : ${formatEuros(totals.grossCents)}`, bold: true }], {
            right: true,
            after: 360,
          }),
          line([
            `Facture émise par ${settings.legalName} au nom et pour le compte de ${provider.legalName}, en vertu du mandat d'autofacturation signé le ${formatDate(provider.selfBillingMandateSignedOn ?? request.issuedOn)}.`,
          ]),
          line([
            `Échéance de paiement : ${formatDate(dueOn)} (${settings.paymentTermDays} jours), par virement. Pas d'escompte pour paiement anticipé.`,
          ]),
          line([
            "En cas de retard de paiement : pénalités au taux de trois fois le taux d'intérêt légal et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).",
          ]),
          line([{ text: `Référence du paiement : ${request.payoutId}`, size: 16 }], { before: 240 }),
          // The seal prints no notice on a PDF/A (pdf/seal.ts): the invoice says it itself.
          ...(eInvoice
            ? [
                line([
                  {
                    text: `Facture électronique Factur-X (PDF/A-3 portant la facture structurée EN 16931), scellée électroniquement par ${settings.legalName} : le fichier PDF fait foi, toute modification invalide le sceau.`,
                    size: 13,
                    color: '595959',
                  },
                ]),
              ]
            : []),
        ],
      },
    ],
  });
  return packDocx(document, request.issuedOn);
}

function linesTable(lines: PricedLine[]): Table {
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
  // The designation takes half the width: session titles are long, amounts are short.
  const widths = [4800, 1400, 700, 1369, 1369];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['Désignation', 'Date', 'Qté', 'Prix unitaire HT', 'Montant HT'].map((title, index) =>
          cell(title, true, index >= 2),
        ),
      }),
      ...lines.map(
        (entry) =>
          new TableRow({
            children: [
              cell(`${ROLE_LABELS[entry.role]} — ${KIND_LABELS[entry.kind]} « ${entry.title} »`),
              cell(formatDate(entry.date)),
              cell('1', false, true),
              cell(formatEuros(entry.amountCents), false, true),
              cell(formatEuros(entry.amountCents), false, true),
            ],
          }),
      ),
    ],
  });
}
