/**
 * The quote ("devis"), always in French. With the contract and the programme it is what the
 * buyer keeps or forwards to its funder (seed 004); what it is worth depends on the contract
 * (workflows/rules/contract.ts): an order beside an agreement, the contract itself for a
 * workshop, the agreement France Travail approves, information only beside a contrat de
 * formation professionnelle or for CPF.
 */
import {
  AlignmentType,
  Document,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Expense, ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { type ContractKind, proposalPlan, WITHDRAWAL_DAYS } from '../../workflows/rules/contract.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import {
  CELL_MARGINS,
  line,
  PAGE,
  PROPOSAL_STYLES,
  paragraph,
  type Run,
  SHADE,
  TEXT_WIDTH,
} from './layout.ts';
import type { Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import {
  checkProposal,
  clientLines,
  formatHours,
  fundingMention,
  offerVersionLine,
  organisationLines,
  paymentTerms,
  trainingDates,
} from './proposal-parts.ts';

/** Long enough for a funder to decide on it, short enough for the price to still hold. */
export const QUOTE_VALIDITY_DAYS = 30;

const EXPENSE_CATEGORIES: Record<Expense['category'], string> = {
  travel: 'déplacement',
  lodging: 'hébergement',
  meals: 'repas',
  other: 'autre',
};

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day `days` after the issue date, read in Paris like every other legal date. */
function daysAfter(issuedOn: string, days: number): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(issuedOn) ? issuedOn : parisDay.format(new Date(issuedOn));
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** What this quote is worth for its buyer, with the article that says so. */
function standing(contract: ContractKind): string {
  switch (contract) {
    case 'agreement':
      return 'La convention de formation jointe, signée par les deux parties, précise les conditions de la formation ; le programme y est annexé.';
    case 'trainingContract':
      return (
        "Devis remis à titre d'information, à ne pas signer : l'inscription se fait par la signature du contrat de " +
        `formation professionnelle joint, dont vous pouvez vous rétracter dans les ${WITHDRAWAL_DAYS} jours (article L6353-5 ` +
        "du Code du travail, article L221-18 du Code de la consommation) ; aucune somme n'est due avant la fin de ce délai."
      );
    case 'platformTerms':
      return (
        "Devis remis à titre d'information, à ne pas signer : l'inscription et le paiement se font sur " +
        'moncompteformation.gouv.fr, dont les conditions générales tiennent lieu de convention de formation ' +
        '(article D6353-1 III du Code du travail).'
      );
    case 'approvedQuote':
      return (
        "L'organisme dépose ce devis sur Kairos, la plateforme de France Travail. Approuvé par France Travail, il tient " +
        'lieu de convention de formation, avec le programme annexé qui en précise les objectifs, le contenu, les moyens ' +
        'et les modalités de suivi et d’évaluation (article D6353-1 II du Code du travail).'
      );
    case 'quote':
      return (
        "Cet atelier n'est pas une action de formation au sens de l'article L6313-1 du Code du travail : il ne donne " +
        'lieu ni à convention ni à prise en charge par un financeur de la formation. Signé « bon pour accord », ce devis vaut commande.'
      );
  }
}

// Désignation, catégorie, quantité, prix unitaire, montant.
const COLUMNS = [4038, 1600, 800, 1600, 1600];

export async function buildQuote(
  data: ProposalData,
  organisation: Organisation,
  offer: TrainingOffer,
): Promise<Buffer> {
  checkProposal(data);
  const { funding, pricing, training } = data;
  const { contract } = proposalPlan({
    fundingKind: funding.kind,
    clientType: funding.client.type,
    trainingAction: offer.trainingAction,
  });
  const nature = offer.trainingAction ? 'formation' : 'atelier';

  const header = ['Désignation', 'Catégorie', 'Qté', 'Prix unitaire HT', 'Montant HT'];
  const rows = [
    new TableRow({
      tableHeader: true,
      children: header.map((title, index) =>
        cell(index, [[{ text: title, bold: true }]], { shaded: true, right: index >= 2 }),
      ),
    }),
    amountRow(
      [
        // A workshop's title names it already ("Atelier « Fresque… »"); a training's is quoted.
        [{ text: offer.trainingAction ? `Formation « ${training.title} »` : training.title, bold: true }],
        [`${capitalise(trainingDates(training))} — ${formatHours(training.hours)}`],
        [{ text: offerVersionLine(offer), italics: true }],
      ],
      nature,
      pricing.unitPriceCents,
    ),
    ...funding.expenses.map((expense) =>
      amountRow([[expense.label]], EXPENSE_CATEGORIES[expense.category], expense.amountCents),
    ),
    totalRow('Total HT', pricing.totalCents),
    totalRow('Total TTC', pricing.totalCents),
  ];
  // The buyer signs the quote only where it is the order or the contract itself.
  const signed = contract === 'agreement' || contract === 'quote';

  const document = new Document({
    creator: organisation.settings.legalName,
    title: `Devis n° ${data.proposalNumber}`,
    styles: PROPOSAL_STYLES,
    sections: [
      {
        properties: PAGE,
        children: [
          ...organisationLines(organisation).map((runs) => line(runs)),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 480, after: 360 },
            children: [new TextRun({ text: `DEVIS n° ${data.proposalNumber}`, bold: true, size: 32 })],
          }),
          line([`Date\u00a0: ${formatDate(data.issuedOn)}`]),
          line([
            `Validité\u00a0: ${QUOTE_VALIDITY_DAYS} jours, jusqu'au ${formatDate(daysAfter(data.issuedOn, QUOTE_VALIDITY_DAYS))}`,
          ]),
          line([`Votre contact\u00a0: ${data.coordinatorName}`], { after: 240 }),
          line([{ text: 'Client', bold: true, underline: {} }]),
          ...clientLines(funding.client).map((runs) => line(runs)),
          line([], { after: 120 }),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: COLUMNS,
            layout: TableLayoutType.FIXED,
            rows,
          }),
          // Training by a registered provider is exempt: the mention is what makes "HT = TTC" legal.
          line([{ text: organisation.settings.vatExemption ?? '', italics: true }], {
            before: 120,
            after: 240,
          }),
          ...(offer.trainingAction
            ? [line([{ text: 'Financement\u00a0: ', bold: true }, fundingMention(funding)])]
            : []),
          line([`Lieu\u00a0: ${training.place}`]),
          line([
            { text: 'Modalités de règlement\u00a0: ', bold: true },
            paymentTerms(contract, data, organisation).join(' '),
          ]),
          paragraph([{ text: standing(contract), italics: true }], { after: 480 }),
          ...(signed
            ? [
                line([{ text: 'Bon pour accord', bold: true }]),
                line(['Date, nom, signature et cachet du client\u00a0:']),
              ]
            : []),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

function amountRow(designation: Run[][], category: string, cents: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      cell(0, designation),
      cell(1, [[category]]),
      cell(2, [['1']], { right: true }),
      cell(3, [[formatEuros(cents)]], { right: true }),
      cell(4, [[formatEuros(cents)]], { right: true }),
    ],
  });
}

function totalRow(label: string, cents: number): TableRow {
  const span = COLUMNS.length - 1;
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: COLUMNS.slice(0, span).reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
        columnSpan: span,
        margins: CELL_MARGINS,
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: SHADE },
        children: [line([{ text: label, bold: true }], { after: 0, right: true })],
      }),
      cell(span, [[{ text: formatEuros(cents), bold: true }]], { right: true }),
    ],
  });
}

function cell(
  column: number,
  lines: Run[][],
  options: { shaded?: boolean; right?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: COLUMNS[column] ?? 0, type: WidthType.DXA },
    margins: CELL_MARGINS,
    shading: options.shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: SHADE } : undefined,
    children: lines.map((runs) => line(runs, { after: 0, right: options.right })),
  });
}

function capitalise(value: string): string {
  return value.charAt(0).toLocaleUpperCase('fr') + value.slice(1);
}
