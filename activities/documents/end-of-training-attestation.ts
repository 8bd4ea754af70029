/**
 * The attestation de fin de formation, always in French: at the end of a training action the
 * provider gives each trainee an attestation stating the objectives, the nature and the duration
 * of the action and the results of the assessment of what was learnt (Code du travail L6353-1,
 * al. 2). The objectives and the assessment method are the catalogue offer's version the session
 * delivered, so the attestation says what the programme promised.
 *
 * The results are the trainee's own self-assessment, and the attestation says so: the programme's
 * assessment is the end-of-training questionnaire, the trainer's observations are not recorded
 * anywhere in the service, and an attestation held back until a trainer confirms each line would
 * reach trainees late or never. Printing the self-assessment as such is honest about what it is;
 * "non évalué" is printed where the trainee did not answer by the deadline.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { EndOfTrainingAttestationData } from '../../workflows/messages/documents.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import {
  attestationApplies,
  OBJECTIVE_RESULT_LABELS,
  objectiveResults,
} from '../../workflows/rules/end-of-training-assessment.ts';
import { formatDate } from '../format/french.ts';
import { type Organisation, signatoryLine } from './organisation.ts';
import { organisationSeal } from './organisation-seal.ts';
import { packDocx } from './pack.ts';

// A4 portrait in twentieths of a point, 2 cm margins.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = A4.width - 2 * MARGIN;
const INDENT = TEXT_WIDTH / 2;
const COLUMNS = [TEXT_WIDTH - 2600, 2600];
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "10,5 heures", "1,5 heure": French keeps the singular below 2. */
const hours = (value: number) => `${hoursFormat.format(value)} ${value < 2 ? 'heure' : 'heures'}`;

/** What the trainee answered: their level per objective, in the offer's order, and when. */
export interface SelfAssessment {
  levels: (string | null)[];
  answeredAt: string;
}

export async function buildEndOfTrainingAttestation(
  data: EndOfTrainingAttestationData,
  organisation: Organisation,
  offer: TrainingOffer,
  assessment: SelfAssessment | null,
): Promise<Buffer> {
  if (!attestationApplies(offer))
    throw new RangeError(
      `"${offer.title}" is not a training action: it gets no attestation de fin de formation`,
    );
  if (!(data.hoursPlanned > 0) || !(data.hoursAttended > 0) || data.hoursAttended > data.hoursPlanned)
    throw new RangeError(
      `hours attended (${data.hoursAttended}) must be above 0 and at most the hours planned (${data.hoursPlanned})`,
    );
  if (Date.parse(data.from) > Date.parse(data.to))
    throw new RangeError(`the action cannot end (${data.to}) before it starts (${data.from})`);

  const { settings } = organisation;
  const { participant } = data;
  const signatory = signatoryLine(settings);
  const results = objectiveResults(offer.objectives, assessment?.levels ?? null);
  const sameDay = formatDate(data.from) === formatDate(data.to);

  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['Objectif opérationnel', 'Résultat'].map((text, index) =>
          cell(index, [{ text, bold: true }], true),
        ),
      }),
      ...results.map(
        ({ objective, result }) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(0, [objective]),
              cell(1, [{ text: OBJECTIVE_RESULT_LABELS[result], bold: true }]),
            ],
          }),
      ),
    ],
  });

  const document = new Document({
    creator: settings.legalName,
    title: `Attestation de fin de formation — ${participant.firstName} ${participant.lastName}`,
    styles: {
      default: { document: { run: { font: 'Arial', size: 21, language: { value: 'fr-FR' } } } },
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        footers: {
          default: new Footer({
            children: [
              line(
                [
                  {
                    text:
                      `Objectifs et modalités d'évaluation : offre « ${offer.title} », version ${offer.version} ` +
                      `du ${formatDate(offer.versionDate)}. Référence de la mission : ${data.missionId}`,
                    size: 16,
                  },
                ],
                { after: 0 },
              ),
            ],
          }),
        },
        children: [
          line([{ text: settings.legalName, bold: true }]),
          line([settings.address]),
          line([`SIRET ${settings.siret}`]),
          line(
            [
              `Déclaration d'activité enregistrée sous le n° ${settings.trainingProviderNumber} auprès du préfet ` +
                `de la région ${settings.trainingProviderRegion}`,
            ],
            { after: 480 },
          ),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: 'ATTESTATION DE FIN DE FORMATION', bold: true, size: 32 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [new TextRun({ text: 'Article L6353-1 du Code du travail', italics: true, size: 18 })],
          }),
          line(
            [
              'Je soussigné·e ',
              { text: signatory, bold: true },
              ", représentant·e légal·e de l'organisme de formation ",
              { text: settings.legalName, bold: true },
              ', atteste que :',
            ],
            { after: 240 },
          ),
          line([{ text: `${participant.firstName} ${participant.lastName}`, bold: true }], { after: 120 }),
          line(["a suivi l'action ", { text: data.actionTitle, bold: true }, '.'], { after: 240 }),
          item('Nature de l’action', 'action de formation (article L6313-1, 1° du Code du travail)'),
          item(
            'Dates',
            sameDay ? `le ${formatDate(data.from)}` : `du ${formatDate(data.from)} au ${formatDate(data.to)}`,
          ),
          item(
            'Durée suivie',
            `${hours(data.hoursAttended)} sur ${hours(data.hoursPlanned)} prévues, ` +
              "d'après les demi-journées émargées",
          ),
          item('Modalités d’évaluation prévues au programme', offer.assessmentMethod, 240),
          line([{ text: "Objectifs de la formation et résultats de l'évaluation des acquis", bold: true }], {
            after: 120,
          }),
          table,
          line(
            [
              {
                text: assessment
                  ? "Résultats issus de l'auto-évaluation du ou de la stagiaire, par le questionnaire d'évaluation " +
                    `des acquis de fin de formation auquel il ou elle a répondu le ${formatDate(assessment.answeredAt)}.`
                  : "Le ou la stagiaire n'a pas répondu au questionnaire d'évaluation des acquis de fin de formation " +
                    `avant le ${formatDate(data.answerBy)} : ses acquis n'ont pas été évalués.`,
                italics: true,
                size: 18,
              },
            ],
            { before: 120, after: 480 },
          ),
          // "Fait à": where the provider issues the attestation, not where the training took place.
          line([`Fait à ${settings.city}, le ${formatDate(data.issuedOn)}`], { after: 360 }),
          line([{ text: signatory, bold: true }], { indent: true }),
          line(['Représentant·e légal·e'], { indent: true }),
          line([settings.legalName], { indent: true, after: 240 }),
          line(['Signature et cachet :'], { indent: true }),
          ...organisationSeal(organisation, INDENT),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

type Run = string | { text: string; bold?: boolean; italics?: boolean; size?: number };

function line(runs: Run[], options: { before?: number; after?: number; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { before: options.before ?? 0, after: options.after ?? 80 },
    indent: options.indent ? { left: INDENT } : undefined,
    children: runs.map((run) => new TextRun(typeof run === 'string' ? { text: run } : run)),
  });
}

/** "Durée suivie : 10,5 heures …": the label in bold, as a form reads. */
function item(label: string, value: string, after = 80): Paragraph {
  return line([{ text: `${label}\u00a0: `, bold: true }, value], { after });
}

function cell(column: number, runs: Run[], shaded = false): TableCell {
  return new TableCell({
    width: { size: COLUMNS[column] ?? 0, type: WidthType.DXA },
    margins: CELL_MARGINS,
    shading: shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    children: [line(runs, { after: 0 })],
  });
}
