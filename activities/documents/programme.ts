/**
 * The training programme, annexed to the agreement. Funders and Qualiopi auditors check it
 * for the public, prerequisites, duration, the content of each half-day, how learning is
 * evaluated and how people with disabilities can take part.
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
import type { ProposalData } from '../../workflows/messages/funding.ts';
import { formatDate, formatTime } from '../format/french.ts';
import { disabilityContactLine, type Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import {
  checkProposal,
  formatHours,
  line,
  organisationLines,
  PAGE,
  PROPOSAL_STYLES,
  type Run,
  TEXT_WIDTH,
  trainingDates,
} from './quote.ts';

const PERIOD_LABELS = { morning: 'Matin', afternoon: 'Après-midi' } as const;
// Date, demi-journée, horaires, contenu.
const COLUMNS = [1400, 1300, 1500, TEXT_WIDTH - 4200];
const SHADE = 'E8E8E8';

export async function buildProgramme(data: ProposalData, organisation: Organisation): Promise<Buffer> {
  checkProposal(data);
  const { training } = data;
  const halfDays = [...training.halfDays].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  // The programme is what shows funders the content of each half-day: one without is no programme.
  if (halfDays.length === 0) throw new RangeError('a programme needs at least one half-day');

  const time = (value: string) => formatTime(value, training.timeZone);
  const rows = [
    new TableRow({
      tableHeader: true,
      children: ['Date', 'Demi-journée', 'Horaires', 'Contenu'].map((title, index) =>
        cell(index, [{ text: title, bold: true }], true),
      ),
    }),
    ...halfDays.map(
      (halfDay) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(0, [formatDate(halfDay.date)]),
            cell(1, [PERIOD_LABELS[halfDay.period]]),
            cell(2, [`${time(halfDay.startsAt)}–${time(halfDay.endsAt)}`]),
            cell(3, [halfDay.content]),
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
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 480, after: 120 },
            children: [new TextRun({ text: 'PROGRAMME DE FORMATION', bold: true, size: 32 })],
          }),
          line([{ text: training.title, bold: true, size: 26 }], { center: true, after: 360 }),

          item(
            'Public visé',
            'toute personne concernée par le thème de la formation, sans distinction de fonction',
          ),
          item(
            'Prérequis',
            "aucun ; le test de positionnement préalable permet d'adapter la formation au niveau de chacun·e",
          ),
          item('Durée', formatHours(training.hours)),
          item('Dates', trainingDates(training)),
          item('Lieu', training.place),
          item('Effectif maximum', `${training.capacity} participant·e${training.capacity > 1 ? 's' : ''}`),

          heading('Déroulé'),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: COLUMNS,
            layout: TableLayoutType.FIXED,
            rows,
          }),

          heading("Modalités d'évaluation et de suivi"),
          bullet('Avant la formation : test de positionnement.'),
          bullet("Pendant la formation : feuille d'émargement signée par demi-journée."),
          bullet(
            'Après la formation : certificat de réalisation, questionnaire de satisfaction à chaud ' +
              'puis à froid, 90 jours après la fin de la formation.',
          ),

          heading('Accessibilité'),
          line([
            'La formation est accessible aux personnes en situation de handicap. Pour étudier ensemble ' +
              `les adaptations nécessaires, contactez ${data.coordinatorName}, coordinateur·ice de la formation, ` +
              `ou le ou la référent·e handicap de l'organisme, ${disabilityContactLine(organisation.settings)}, avant votre inscription.`,
          ]),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

function cell(column: number, runs: Run[], shaded = false): TableCell {
  return new TableCell({
    width: { size: COLUMNS[column] ?? 0, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: SHADE } : undefined,
    children: [line(runs, { after: 0 })],
  });
}

function heading(title: string): Paragraph {
  return line([{ text: title, bold: true, size: 24 }], { before: 240, after: 120 });
}

function bullet(text: string): Paragraph {
  return line([`– ${text}`], { indent: 360 });
}

function item(label: string, value: string): Paragraph {
  return line([{ text: `${label}\u00a0: `, bold: true }, value]);
}
