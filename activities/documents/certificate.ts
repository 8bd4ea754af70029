/**
 * The "certificat de réalisation" on the ministry of Labour's model, always in French: the
 * proof of attendance funders pay on, so its wording follows the model rather than our taste.
 * A workshop, which is no training action, gets an attestation de participation instead, with
 * none of the model's training wording (workflows/rules/certificates.ts decides).
 */
import { AlignmentType, Document, Footer, Paragraph, TextRun } from 'docx';
import type { CertificateData } from '../../workflows/messages/documents.ts';
import {
  CERTIFICATE_PROOF_RETENTION_YEARS,
  certificateNature,
  funderLabel,
  type LearnerStatus,
  learnerStatus,
} from '../../workflows/rules/certificates.ts';
import { formatDate } from '../format/french.ts';
import type { Organisation } from './organisation.ts';
import { organisationSeal } from './organisation-seal.ts';
import { packDocx } from './pack.ts';

// A4 portrait in twentieths of a point, 2 cm margins.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const INDENT = (A4.width - 2 * MARGIN) / 2;

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "10,5 heures", "1,5 heure": French keeps the singular below 2. */
function hours(value: number, singular: string, plural: string): string {
  return `${hoursFormat.format(value)} ${value < 2 ? singular : plural}`;
}

export async function buildCertificate(data: CertificateData, organisation: Organisation): Promise<Buffer> {
  if (!(data.hoursPlanned > 0) || !(data.hoursAttended >= 0) || data.hoursAttended > data.hoursPlanned) {
    throw new RangeError(
      `hours attended (${data.hoursAttended}) must be between 0 and the hours planned (${data.hoursPlanned})`,
    );
  }
  if (Date.parse(data.from) > Date.parse(data.to)) {
    throw new RangeError(`the action cannot end (${data.to}) before it starts (${data.from})`);
  }
  const { participant } = data;
  const { settings } = organisation;
  const signatory = `${settings.signatory.name}, ${settings.signatory.title}`;
  const isCertificate = certificateNature(data.sessionKind ?? 'training') === 'certificate_of_completion';
  const title = isCertificate ? 'Certificat de réalisation' : 'Attestation de participation';
  const name = { text: `${participant.firstName} ${participant.lastName}`, bold: true };
  const dates = [
    "qui s'est déroulé",
    isCertificate ? 'e' : '',
    ' du ',
    { text: formatDate(data.from), bold: true },
    ' au ',
    { text: formatDate(data.to), bold: true },
    ',',
  ];
  const duration = [
    'pour une durée de ',
    { text: hours(data.hoursAttended, 'heure', 'heures'), bold: true },
    ` (sur ${hours(data.hoursPlanned, 'heure prévue', 'heures prévues')}).`,
  ];
  const funder = isCertificate && data.funding ? funderLabel(data.funding.kind) : null;
  const agreement = funder ? (data.funding?.agreementNumber ?? null) : null;

  const body = isCertificate
    ? [
        line(
          [
            'Je soussigné·e ',
            { text: signatory, bold: true },
            ", représentant·e légal·e du dispensateur de l'action concernée, ",
            { text: settings.legalName, bold: true },
            `, déclaration d'activité n° ${settings.trainingProviderNumber}, atteste que :`,
          ],
          { after: 240 },
        ),
        line([name, ...learnerLine(learnerStatus(data.funding))]),
        line(["a suivi l'action ", { text: data.actionTitle, bold: true }, ',']),
        line([
          "nature de l'action concourant au développement des compétences : ",
          { text: data.actionNature, bold: true },
          ',',
        ]),
        line(dates),
        line(duration, { after: funder ? 240 : 360 }),
        ...(funder
          ? [
              line(
                [
                  'Financement : ',
                  { text: funder, bold: true },
                  ...(agreement ? [', accord de prise en charge n° ', { text: agreement, bold: true }] : []),
                  '.',
                ],
                { after: 360 },
              ),
            ]
          : []),
        line(
          [
            {
              text:
                'Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je ' +
                "m'engage à conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent " +
                `certificat pendant une durée de ${CERTIFICATE_PROOF_RETENTION_YEARS} ans à compter de la fin de ` +
                "l'année du dernier paiement. En cas de cofinancement par des fonds européens, la durée de " +
                'conservation est étendue conformément aux obligations conventionnelles spécifiques.',
              size: 18,
            },
          ],
          { after: 600 },
        ),
      ]
    : [
        line(
          [
            'Je soussigné·e ',
            { text: signatory, bold: true },
            ', représentant·e légal·e de ',
            { text: settings.legalName, bold: true },
            ', atteste que :',
          ],
          { after: 240 },
        ),
        line([name, ',']),
        line(["a participé à l'atelier ", { text: data.actionTitle, bold: true }, ',']),
        // The ministry's model says "du … au …"; a one-day workshop reads better as the day.
        line(
          formatDate(data.from) === formatDate(data.to)
            ? ["qui s'est déroulé le ", { text: formatDate(data.from), bold: true }, ',']
            : dates,
        ),
        line(duration, { after: 600 }),
      ];

  const document = new Document({
    creator: settings.legalName,
    title: `${title} — ${participant.firstName} ${participant.lastName}`,
    styles: {
      default: { document: { run: { font: 'Arial', size: 22, language: { value: 'fr-FR' } } } },
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [new TextRun({ text: `Référence de la mission : ${data.missionId}`, size: 16 })],
              }),
            ],
          }),
        },
        children: [
          line([{ text: settings.legalName, bold: true }]),
          line([settings.address]),
          line([`Déclaration d'activité n° ${settings.trainingProviderNumber}`], { after: 600 }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 600 },
            children: [new TextRun({ text: title.toUpperCase(), bold: true, size: 32 })],
          }),
          ...body,
          // "Fait à": where the provider issues the certificate, not where the session took place.
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

/** The words after the learner's name: their employer only when an employer is behind the action. */
function learnerLine(status: LearnerStatus): Run[] {
  switch (status.kind) {
    case 'employee':
      return [", salarié·e de l'entreprise ", { text: status.employer, bold: true }, ','];
    case 'job_seeker':
      return [", demandeur·euse d'emploi,"];
    case 'independent':
      return [', travailleur·euse indépendant·e,'];
    case 'none':
      return [','];
  }
}

type Run = string | { text: string; bold?: boolean; size?: number };

function line(runs: Run[], options: { after?: number; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: options.after ?? 80 },
    indent: options.indent ? { left: INDENT } : undefined,
    children: runs.map((run) => new TextRun(typeof run === 'string' ? { text: run } : run)),
  });
}
