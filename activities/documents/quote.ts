/**
 * The quote ("devis"), always in French. With the agreement and the programme it is what the
 * client forwards to its funder (seed 004), so the three must agree on parties, dates, hours and
 * amounts: the parts they share live here, next to the money they mostly concern.
 */
import {
  AlignmentType,
  Document,
  type IRunOptions,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type {
  Expense,
  FundedClient,
  FundingKind,
  FundingRequest,
  ProposalData,
} from '../../workflows/messages/funding.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import type { Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';

/** Long enough for a funder to decide on it, short enough for the price to still hold. */
export const QUOTE_VALIDITY_DAYS = 30;

// A4 portrait in twentieths of a point, 2 cm margins; font sizes in half-points.
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1134;
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
const SHADE = 'E8E8E8';

export const PROPOSAL_STYLES = {
  default: { document: { run: { font: 'Arial', size: 20, language: { value: 'fr-FR' } } } },
};
export const PAGE = {
  page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
};

const EXPENSE_CATEGORIES: Record<Expense['category'], string> = {
  travel: 'déplacement',
  lodging: 'hébergement',
  meals: 'repas',
  other: 'autre',
};

/** Which client each funder deals with (seed 004): an OPCO funds companies, never a person. */
const FUNDER_CLIENTS: Record<FundingKind, FundedClient['type'][]> = {
  opco: ['company'],
  cpf: ['individual'],
  france_travail: ['individual'],
  fifpl: ['independent'],
  agefice: ['independent'],
  client: ['company', 'individual', 'independent'],
};

/**
 * Refuses a proposal whose figures or parties do not add up: a funder that finds two documents
 * disagreeing rejects the file, and a build failure is final, so it must say what is wrong.
 */
export function checkProposal(data: ProposalData): void {
  const { funding, pricing, training } = data;
  if (!FUNDER_CLIENTS[funding.kind].includes(funding.client.type)) {
    throw new RangeError(
      `${funding.kind} funding cannot be requested for a client of type ${funding.client.type}`,
    );
  }
  const amounts = [pricing.unitPriceCents, ...funding.expenses.map((expense) => expense.amountCents)];
  if (!amounts.every((cents) => Number.isSafeInteger(cents) && cents >= 0)) {
    throw new RangeError('amounts must be whole numbers of cents, not negative');
  }
  const expenses = funding.expenses.reduce((sum, expense) => sum + expense.amountCents, 0);
  if (pricing.expensesCents !== expenses) {
    throw new RangeError(`expenses total ${pricing.expensesCents} cents but the lines add up to ${expenses}`);
  }
  if (pricing.totalCents !== pricing.unitPriceCents + expenses) {
    throw new RangeError(
      `the total (${pricing.totalCents} cents) is not the price (${pricing.unitPriceCents}) plus the expenses (${expenses})`,
    );
  }
  if (!(training.hours > 0))
    throw new RangeError(`a training needs a positive duration, not ${training.hours} h`);
  if (!(Date.parse(training.startsAt) <= Date.parse(training.endsAt))) {
    throw new RangeError(
      `the training cannot end (${training.endsAt}) before it starts (${training.startsAt})`,
    );
  }
  fundingMention(funding);
}

/** What the funder is asked for, worded as the funder expects to read it. */
export function fundingMention(funding: FundingRequest): string {
  switch (funding.kind) {
    case 'opco':
      return "Prise en charge demandée auprès de l'OPCO de l'entreprise";
    case 'cpf':
      return 'Financement CPF';
    case 'france_travail': {
      const client = funding.client;
      // France Travail matches the file to the person by these two: without them it is lost.
      if (client.type !== 'individual' || !client.franceTravailId?.trim() || !client.agencyLocality?.trim()) {
        throw new RangeError(
          "France Travail funding needs the person's identifier and their agency's locality",
        );
      }
      return `Financement France Travail (identifiant ${client.franceTravailId.trim()}, agence de ${client.agencyLocality.trim()})`;
    }
    case 'fifpl':
      return 'Financement FIFPL';
    case 'agefice':
      return 'Financement AGEFICE';
    case 'client':
      return 'Financement par le client';
  }
}

export function clientName(client: FundedClient): string {
  return client.type === 'company' ? client.companyName : `${client.firstName} ${client.lastName}`;
}

/** Who signs for the client: a company's manager, otherwise the person themselves. */
export function clientSignatory(client: FundedClient): string {
  return client.type === 'company' ? client.managerName : clientName(client);
}

/** The client as the legal documents identify it. */
export function clientLines(client: FundedClient): Run[][] {
  const address = (value: { street: string; postalCode: string; city: string }) =>
    `${value.street}, ${value.postalCode} ${value.city}`;
  switch (client.type) {
    case 'company':
      return [
        [{ text: client.companyName, bold: true }],
        [`SIRET\u00a0: ${client.siret}`],
        [address(client.address)],
        [`Représentée par ${client.managerName}`],
      ];
    case 'independent':
      return [
        [{ text: clientName(client), bold: true }],
        [`SIRET\u00a0: ${client.siret}`],
        [address(client.address)],
      ];
    case 'individual':
      return [[{ text: clientName(client), bold: true }]];
  }
}

export function organisationLines({ settings }: Organisation): Run[][] {
  return [
    [{ text: settings.legalName, bold: true }],
    [settings.address],
    [`SIRET\u00a0: ${settings.siret}`],
    [`Déclaration d'activité n° ${settings.trainingProviderNumber}`],
    ...(settings.qualiopiCertificate ? [[`Certification Qualiopi n° ${settings.qualiopiCertificate}`]] : []),
  ];
}

/** "12/01/2027" for the day an instant falls on where the training takes place. */
export function formatDay(value: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(value));
}

/** "le 12/01/2027" or "du 12/01/2027 au 13/01/2027". */
export function trainingDates(training: ProposalData['training']): string {
  const first = formatDay(training.startsAt, training.timeZone);
  const last = formatDay(training.endsAt, training.timeZone);
  return first === last ? `le ${first}` : `du ${first} au ${last}`;
}

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "14 heures", "1,5 heure": French keeps the singular below 2. */
export function formatHours(value: number): string {
  return `${hoursFormat.format(value)} ${value < 2 ? 'heure' : 'heures'}`;
}

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

// Désignation, catégorie, quantité, prix unitaire, montant.
const COLUMNS = [4038, 1600, 800, 1600, 1600];

export async function buildQuote(data: ProposalData, organisation: Organisation): Promise<Buffer> {
  checkProposal(data);
  const { funding, pricing, training } = data;

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
        [{ text: `Formation « ${training.title} »`, bold: true }],
        [`${capitalise(trainingDates(training))} — ${formatHours(training.hours)}`],
      ],
      'formation',
      pricing.unitPriceCents,
    ),
    ...funding.expenses.map((expense) =>
      amountRow([[expense.label]], EXPENSE_CATEGORIES[expense.category], expense.amountCents),
    ),
    totalRow('Total HT', pricing.totalCents),
    totalRow('Total TTC', pricing.totalCents),
  ];

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
          line([{ text: 'Financement\u00a0: ', bold: true }, fundingMention(funding)]),
          line([`Lieu de la formation\u00a0: ${training.place}`], { after: 480 }),
          line([{ text: 'Bon pour accord', bold: true }]),
          line(['Date, nom, signature et cachet du client\u00a0:']),
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

const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

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

export type Run = string | (IRunOptions & { text: string });

export function line(
  runs: Run[],
  options: { before?: number; after?: number; right?: boolean; center?: boolean; indent?: number } = {},
): Paragraph {
  return new Paragraph({
    spacing: { before: options.before ?? 0, after: options.after ?? 80 },
    alignment: options.right ? AlignmentType.RIGHT : options.center ? AlignmentType.CENTER : undefined,
    indent: options.indent ? { left: options.indent } : undefined,
    children: runs.map((run) => new TextRun(typeof run === 'string' ? { text: run } : run)),
  });
}
