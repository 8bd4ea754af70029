/**
 * The training agreement ("convention de formation professionnelle", Code du travail
 * L.6353-1 et suivants), always in French. The client signs it and sends it to its funder; by
 * signing, it also commits to paying what the funder does not take over (seed 004).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ProposalData } from '../../workflows/messages/funding.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import { disabilityContactLine, type Organisation, signatoryLine } from './organisation.ts';
import { organisationSeal } from './organisation-seal.ts';
import { packDocx } from './pack.ts';
import {
  checkProposal,
  clientLines,
  clientName,
  clientSignatory,
  formatHours,
  fundingMention,
  line,
  PAGE,
  PROPOSAL_STYLES,
  type Run,
  TEXT_WIDTH,
  trainingDates,
} from './quote.ts';

export async function buildAgreement(data: ProposalData, organisation: Organisation): Promise<Buffer> {
  checkProposal(data);
  const { funding, pricing, training } = data;
  const { settings } = organisation;

  const document = new Document({
    creator: settings.legalName,
    title: `Convention de formation n° ${data.proposalNumber}`,
    styles: PROPOSAL_STYLES,
    sections: [
      {
        properties: PAGE,
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 80 },
            children: [
              new TextRun({ text: 'CONVENTION DE FORMATION PROFESSIONNELLE', bold: true, size: 32 }),
            ],
          }),
          line(['(articles L.6353-1 et suivants du Code du travail)'], { center: true }),
          line([`Convention n° ${data.proposalNumber}`], { center: true, after: 360 }),

          line([{ text: 'Entre les soussignés :', bold: true }], { after: 120 }),
          line([{ text: settings.legalName, bold: true }]),
          line([settings.address]),
          line([`SIRET\u00a0: ${settings.siret}`]),
          // The registration number must be quoted with this very disclaimer (L.6352-12).
          line([
            `Déclaration d'activité enregistrée sous le numéro ${settings.trainingProviderNumber} auprès du ` +
              `préfet de région ${settings.trainingProviderRegion}. Cet enregistrement ne vaut pas agrément de l'État.`,
          ]),
          ...(settings.qualiopiCertificate
            ? [line([`Certification Qualiopi n° ${settings.qualiopiCertificate}`])]
            : []),
          line([`Représenté par ${signatoryLine(settings)}`]),
          line(["ci-après « l'organisme de formation »,"], { after: 200 }),
          line([{ text: 'Et :', bold: true }], { after: 120 }),
          ...clientLines(funding.client).map((runs) => line(runs)),
          line(['ci-après « le client ».'], { after: 240 }),
          line(
            [
              'Est conclue la convention suivante, en application du livre III de la sixième partie du Code du travail.',
            ],
            {
              after: 240,
            },
          ),

          article('Article 1 — Objet'),
          paragraph(["Le client commande à l'organisme de formation l'action de formation suivante :"]),
          item('Intitulé', training.title),
          item("Nature de l'action", 'action de formation (article L.6313-1 du Code du travail)'),
          item('Dates', trainingDates(training)),
          item('Durée', formatHours(training.hours)),
          item('Lieu', training.place),
          item('Effectif maximum', `${training.capacity} participant·e${training.capacity > 1 ? 's' : ''}`),
          paragraph(
            [
              'Le programme de la formation, annexé à la présente convention, en précise les objectifs, le contenu et le déroulé.',
            ],
            { after: 200 },
          ),

          article('Article 2 — Dispositions financières'),
          paragraph([
            "Le coût total de la formation s'élève à ",
            { text: formatEuros(pricing.totalCents), bold: true },
            ` HT, soit ${formatEuros(pricing.unitPriceCents)} de formation` +
              (pricing.expensesCents > 0 ? ` et ${formatEuros(pricing.expensesCents)} de frais` : '') +
              (settings.vatExemption ? ` (${settings.vatExemption}).` : '.'),
          ]),
          item('Financement', fundingMention(funding)),
          ...financialCommitment(data).map((text, index, all) =>
            paragraph([text], { after: index === all.length - 1 ? 200 : 80 }),
          ),

          article('Article 3 — Moyens pédagogiques et suivi'),
          paragraph([
            "La formation est animée par des animateur·ices de l'organisme de formation. Un test de positionnement " +
              'précède la formation ; des questionnaires de satisfaction la suivent.',
          ]),
          paragraph(
            [
              "L'assiduité est attestée par une feuille d'émargement signée par chaque participant·e à chaque demi-journée " +
                "et contresignée par l'animateur·ice. À l'issue de la formation, un certificat de réalisation est remis " +
                'à chaque participant·e présent·e.',
            ],
            { after: 80 },
          ),
          paragraph(
            [
              'Pour adapter la formation à une situation de handicap, le client ou les participant·es contactent ' +
                `le ou la référent·e handicap\u00a0: ${disabilityContactLine(settings)}.`,
            ],
            { after: 200 },
          ),

          article('Article 4 — Dédit ou annulation'),
          paragraph([
            "En cas de renoncement du client moins de 10 jours avant le début de la formation, l'organisme de formation " +
              "retient 30 % du coût total à titre de dédit. Cette somme n'est pas imputable sur les fonds de la formation " +
              "professionnelle et ne peut faire l'objet d'une demande de prise en charge.",
          ]),
          paragraph(
            [
              "En cas d'annulation par l'organisme de formation, aucune somme n'est due. En cas d'abandon en cours de " +
                'formation, seules les heures effectivement suivies sont facturées.',
            ],
            { after: 360 },
          ),

          line([`Fait à ${settings.city}, le ${formatDate(data.issuedOn)}, en deux exemplaires.`], {
            after: 240,
          }),
          signatures(data, organisation),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

/** Who pays what if the funder pays less than asked, or decides too late (seed 004, DESIGN.md §5). */
function financialCommitment(data: ProposalData): string[] {
  if (data.funding.kind === 'client') {
    return ["Le client règle l'intégralité du coût de la formation à réception de la facture."];
  }
  return [
    'En cas de prise en charge partielle, le client règle la part non prise en charge par le financeur.',
    'En cas de refus de prise en charge, ou si la formation commence avant la décision du financeur et que celle-ci ' +
      "est négative, le client règle l'intégralité du coût de la formation.",
  ];
}

function signatures(data: ProposalData, organisation: Organisation): Table {
  const client = data.funding.client;
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
          column([
            [{ text: 'Pour le client', bold: true }],
            ...(client.type === 'company'
              ? [[client.companyName], [clientSignatory(client)]]
              : [[clientName(client)]]),
            [
              client.type === 'company'
                ? 'Signature et cachet, précédés de « Lu et approuvé » :'
                : 'Signature, précédée de « Lu et approuvé » :',
            ],
          ]),
        ],
      }),
    ],
  });
}

function article(title: string): Paragraph {
  return line([{ text: title, bold: true }], { before: 120, after: 120 });
}

function paragraph(runs: Run[], options: { after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing: { after: options.after ?? 80 },
    children: runs.map((run) => new TextRun(typeof run === 'string' ? { text: run } : run)),
  });
}

/** "Durée : 14 heures", with a non-breaking space before the colon as French typography wants. */
function item(label: string, value: string): Paragraph {
  return line([{ text: `${label}\u00a0: `, bold: true }, value], { indent: 360 });
}
