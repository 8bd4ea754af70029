/**
 * The training programme: the agreement's annex, a part of the contrat de formation
 * professionnelle (L6353-4 1°) and what a person receives before registering (L6353-8). Its
 * text is the catalogue offer's version the session was planned with (Qualiopi indicator 1:
 * objectives, audience, prerequisites, duration, methods, assessment, accessibility, access time,
 * price), dated by that version; its dates, times and place are the session's.
 */
import { Document, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { formatDate, formatEuros, formatTime } from '../format/french.ts';
import {
  bullet,
  CELL_MARGINS,
  heading,
  item,
  line,
  PAGE,
  PROPOSAL_STYLES,
  paragraph,
  type Run,
  SHADE,
  TEXT_WIDTH,
  title,
} from './layout.ts';
import { disabilityContactLine, type Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import {
  capacityLine,
  checkProposal,
  formatHours,
  offerVersionLine,
  organisationLines,
  programmeRows,
  trainingDates,
} from './proposal-parts.ts';

const PERIOD_LABELS = { morning: 'Matin', afternoon: 'Après-midi' } as const;
// Date, demi-journée, horaires, contenu.
const COLUMNS = [1400, 1300, 1500, TEXT_WIDTH - 4200];

export async function buildProgramme(
  data: ProposalData,
  organisation: Organisation,
  offer: TrainingOffer,
): Promise<Buffer> {
  checkProposal(data);
  const { training } = data;
  const rows = programmeRows(data, offer);
  // The programme is what shows funders the content of each half-day: one without is no programme.
  if (rows.length === 0) throw new RangeError('a programme needs at least one half-day');

  const time = (value: string) => formatTime(value, training.timeZone);
  const table = [
    new TableRow({
      tableHeader: true,
      children: ['Date', 'Demi-journée', 'Horaires', 'Contenu'].map((title, index) =>
        cell(index, [[{ text: title, bold: true }]], true),
      ),
    }),
    ...rows.map(
      ({ halfDay, step }) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(0, [[formatDate(halfDay.date)]]),
            cell(1, [[PERIOD_LABELS[halfDay.period]]]),
            cell(2, [[`${time(halfDay.startsAt)}–${time(halfDay.endsAt)}`]]),
            cell(3, step.content ? [[{ text: step.title, bold: true }], [step.content]] : [[step.title]]),
          ],
        }),
    ),
  ];

  const document = new Document({
    creator: organisation.settings.legalName,
    title: `Programme de formation — ${training.title}`,
    styles: PROPOSAL_STYLES,
    sections: [
      {
        properties: PAGE,
        children: [
          ...organisationLines(organisation).map((runs) => line(runs)),
          title('PROGRAMME DE FORMATION', { before: 480, after: 120 }),
          line([{ text: training.title, bold: true, size: 26 }], { center: true, after: 80 }),
          line([{ text: offerVersionLine(offer), italics: true }], { center: true, after: 360 }),

          heading('Objectifs opérationnels'),
          line(['À l’issue de la formation, chaque participant·e sera capable de\u00a0:']),
          ...offer.objectives.map((objective) => bullet(objective)),

          heading('Pour qui'),
          item('Public visé', offer.audience, 0),
          item('Prérequis', offer.prerequisites, 0),
          item('Effectif', capacityLine(training.capacity), 0),

          heading('Organisation'),
          item('Durée', formatHours(training.hours), 0),
          item('Dates', trainingDates(training), 0),
          item('Lieu', training.place, 0),
          item('Délai d’accès', offer.accessTime, 0),
          item('Tarif', `${formatEuros(data.pricing.unitPriceCents)} HT pour la session`, 0),
          item('Intervenant·es', offer.trainerQualifications, 0),

          heading('Déroulé'),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: COLUMNS,
            layout: TableLayoutType.FIXED,
            rows: table,
          }),

          heading('Méthodes pédagogiques'),
          paragraph([offer.teachingMethods]),

          heading('Suivi et évaluation des acquis'),
          paragraph([offer.assessmentMethod]),
          paragraph([
            "Assiduité attestée par une feuille d'émargement signée par demi-journée. À l'issue de la formation : " +
              "certificat de réalisation, attestation de fin de formation indiquant les résultats de l'évaluation des " +
              'acquis (article L6353-1 du Code du travail), questionnaires de satisfaction à chaud puis à froid.',
          ]),

          heading('Accessibilité'),
          paragraph([offer.accessibility]),
          paragraph([
            `Contact\u00a0: ${data.coordinatorName}, coordinateur·ice de la formation, ou le ou la référent·e ` +
              `handicap de l'organisme, ${disabilityContactLine(organisation.settings)}.`,
          ]),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

function cell(column: number, lines: Run[][], shaded = false): TableCell {
  return new TableCell({
    width: { size: COLUMNS[column] ?? 0, type: WidthType.DXA },
    margins: CELL_MARGINS,
    shading: shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: SHADE } : undefined,
    children: lines.map((runs) => line(runs, { after: 0 })),
  });
}
