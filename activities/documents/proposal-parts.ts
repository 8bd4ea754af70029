/**
 * What the proposal documents (quote, agreement or contract, programme) say alike: the parties,
 * the dates and hours, the funder, the offer they describe. A funder that finds two of them
 * disagreeing rejects the file, so each fact is worded once, here.
 */
import { BorderStyle, type Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type {
  FundedClient,
  FundingKind,
  FundingRequest,
  ProposalData,
} from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import {
  type ContractKind,
  contractInstalments,
  MAX_ADVANCE_PERCENT,
  WITHDRAWAL_DAYS,
} from '../../workflows/rules/contract.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import { line, type Run, TEXT_WIDTH } from './layout.ts';
import { type Organisation, signatoryLine } from './organisation.ts';
import { organisationSeal } from './organisation-seal.ts';

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
      return 'Compte personnel de formation (CPF), via Mon Compte Formation';
    case 'france_travail': {
      const client = funding.client;
      // France Travail matches the file to the person by these two: without them it is lost.
      if (client.type !== 'individual' || !client.franceTravailId?.trim() || !client.agencyLocality?.trim()) {
        throw new RangeError(
          "France Travail funding needs the person's identifier and their agency's locality",
        );
      }
      return `Aide individuelle à la formation de France Travail (identifiant ${client.franceTravailId.trim()}, agence de ${client.agencyLocality.trim()})`;
    }
    case 'fifpl':
      return 'Remboursement demandé par le client au FIFPL';
    case 'agefice':
      return "Remboursement demandé par le client à l'AGEFICE";
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
        [`Travailleur·se indépendant·e, SIRET\u00a0: ${client.siret}`],
        [address(client.address)],
      ];
    case 'individual':
      return [[{ text: clientName(client), bold: true }], [`${client.email}, ${client.phone}`]];
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

/**
 * The registration number must be quoted with this very disclaimer (L6352-12); an agreement and
 * a contract name the organisation with it.
 */
export function providerDeclaration({ settings }: Organisation): string {
  return (
    `Déclaration d'activité enregistrée sous le numéro ${settings.trainingProviderNumber} auprès du ` +
    `préfet de région ${settings.trainingProviderRegion}. Cet enregistrement ne vaut pas agrément de l'État.`
  );
}

/** The organisation as a contract's first party, up to "Et :" where the other party follows. */
export function providerParty(organisation: Organisation): Paragraph[] {
  const { settings } = organisation;
  return [
    line([{ text: 'Entre les soussignés :', bold: true }], { after: 120 }),
    line([{ text: settings.legalName, bold: true }]),
    line([settings.address]),
    line([`SIRET\u00a0: ${settings.siret}`]),
    line([providerDeclaration(organisation)]),
    ...(settings.qualiopiCertificate
      ? [line([`Certification Qualiopi n° ${settings.qualiopiCertificate}`])]
      : []),
    line([`Représenté par ${signatoryLine(settings)}`]),
    line(["ci-après « l'organisme de formation »,"], { after: 200 }),
    line([{ text: 'Et :', bold: true }], { after: 120 }),
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

/** "12 participant·es": the group size L6353-4 1° and D6353-1 ask for. */
export function capacityLine(capacity: number): string {
  return `${capacity} participant·e${capacity > 1 ? 's' : ''} au maximum`;
}

/**
 * "Offre « … », version 3 du 02/11/2026": which catalogue text the document states, so an auditor
 * can match it to the programme in force when it was sent (Qualiopi indicator 1).
 */
export function offerVersionLine(offer: TrainingOffer): string {
  const text = offer.trainingAction ? 'Programme' : 'Descriptif';
  return `${text} version ${offer.version} du ${formatDate(offer.versionDate)}`;
}

/**
 * The half-days of the session, each with the catalogue step it delivers: the offer's steps in
 * order, and the session's own note where the offer has fewer steps than the session half-days.
 */
export function programmeRows(
  data: ProposalData,
  offer: TrainingOffer,
): { halfDay: ProposalData['training']['halfDays'][number]; step: { title: string; content: string } }[] {
  const halfDays = [...data.training.halfDays].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt),
  );
  return halfDays.map((halfDay, index) => {
    const step = offer.programme[index];
    return { halfDay, step: step ?? { title: halfDay.content, content: '' } };
  });
}

/** The two signature blocks side by side: the association's with its seal, the client's. */
export function signatures(organisation: Organisation, client: { heading: string; lines: Run[][] }): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const half = TEXT_WIDTH / 2;
  const column = (lines: Run[][], seal: Paragraph[] = []) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      children: [...lines.map((runs) => line(runs)), ...seal],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    borders: {
      top: none,
      bottom: none,
      left: none,
      right: none,
      insideHorizontal: none,
      insideVertical: none,
    },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          column(
            [
              [{ text: "Pour l'organisme de formation", bold: true }],
              [organisation.settings.legalName],
              [signatoryLine(organisation.settings)],
              ['Signature et cachet :'],
            ],
            organisationSeal(organisation),
          ),
          column([[{ text: client.heading, bold: true }], ...client.lines]),
        ],
      }),
    ],
  });
}

/**
 * How and when the price is paid, as D6353-1 I 2° and L6353-4 5° ask the contract to say, worded
 * for the contract the buyer signs (workflows/rules/contract.ts).
 */
export function paymentTerms(
  contract: ContractKind,
  data: ProposalData,
  organisation: Organisation,
): string[] {
  const days = organisation.settings.paymentTermDays;
  const invoice = `Facture émise à l'issue de la formation, payable à ${days} jours par virement.`;
  switch (contract) {
    case 'agreement':
      switch (data.funding.kind) {
        case 'fifpl':
        case 'agefice': {
          const fund = data.funding.kind === 'fifpl' ? 'au FIFPL' : "à l'AGEFICE";
          return [
            invoice,
            `Le client règle la facture et en demande lui-même le remboursement ${fund}, avec la facture acquittée et l'attestation d'assiduité que l'organisme lui remet.`,
          ];
        }
        default:
          return [invoice];
      }
    case 'trainingContract': {
      const { advanceCents, balanceCents } = contractInstalments(data.pricing.totalCents);
      const days = new Set(data.training.halfDays.map((halfDay) => halfDay.date)).size || 1;
      return [
        `Aucune somme n'est exigible avant l'expiration du délai de rétractation de ${WITHDRAWAL_DAYS} jours (article L6353-6 du Code du travail, article L221-18 du Code de la consommation).`,
        `À l'expiration de ce délai, un acompte de ${formatEuros(advanceCents)} est payable, soit ${MAX_ADVANCE_PERCENT} % du prix au plus.`,
        days > 1
          ? `Le solde, ${formatEuros(balanceCents)}, est payable en ${days} versements, à l'issue de chaque journée de formation, au prorata de ses heures.`
          : `Le solde, ${formatEuros(balanceCents)}, est payable à l'issue de la formation.`,
      ];
    }
    case 'approvedQuote':
      return [
        "France Travail règle directement l'organisme de formation, sur facture émise à l'issue de la formation. Aucune somme n'est demandée au ou à la stagiaire.",
      ];
    case 'platformTerms':
      return [
        'Le prix est payé par la Caisse des dépôts et consignations sur le compte personnel de formation, dans les conditions de Mon Compte Formation.',
      ];
    case 'quote':
      return [`Facture émise à l'issue de l'atelier, payable à ${days} jours par virement.`];
  }
}
