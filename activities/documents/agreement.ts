/**
 * The training agreement ("convention de formation", Code du travail L6353-1, its content listed
 * by D6353-1 I), always in French, for a buyer that is an organisation or an independent
 * (workflows/rules/contract.ts). The client signs it and, with an OPCO, forwards it to its funder;
 * by signing, it also commits to paying what the funder does not take over (seed 004). Its
 * objectives, content, means and assessment are the catalogue offer's version the session was
 * planned with.
 */
import { Document } from 'docx';
import type { ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import { article, bullet, item, line, PAGE, PROPOSAL_STYLES, paragraph, title } from './layout.ts';
import { disabilityContactLine, type Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import {
  capacityLine,
  checkProposal,
  clientLines,
  clientName,
  clientSignatory,
  formatHours,
  fundingMention,
  offerVersionLine,
  paymentTerms,
  providerParty,
  signatures,
  trainingDates,
} from './proposal-parts.ts';

export async function buildAgreement(
  data: ProposalData,
  organisation: Organisation,
  offer: TrainingOffer,
): Promise<Buffer> {
  checkProposal(data);
  const { funding, pricing, training } = data;
  const { settings } = organisation;
  const client = funding.client;

  const document = new Document({
    creator: settings.legalName,
    title: `Convention de formation n° ${data.proposalNumber}`,
    styles: PROPOSAL_STYLES,
    sections: [
      {
        properties: PAGE,
        children: [
          title('CONVENTION DE FORMATION PROFESSIONNELLE'),
          line(['(articles L6353-1 et D6353-1 du Code du travail)'], { center: true }),
          line([`Convention n° ${data.proposalNumber}`], { center: true, after: 360 }),

          ...providerParty(organisation),
          ...clientLines(client).map((runs) => line(runs)),
          line(['ci-après « le client ».'], { after: 240 }),
          line(
            [
              'Est conclue la convention suivante, en application du livre III de la sixième partie du Code du travail.',
            ],
            { after: 240 },
          ),

          article("Article 1 — Objet, objectifs et contenu de l'action"),
          paragraph(["Le client commande à l'organisme de formation l'action de formation suivante :"]),
          item('Intitulé', training.title),
          item("Nature de l'action", 'action de formation (article L6313-1 du Code du travail)'),
          item('Objectifs', 'à son issue, chaque participant·e sera capable de\u00a0:'),
          ...offer.objectives.map((objective) => bullet(objective)),
          item('Contenu', offer.programme.map((step) => step.title).join(' ; ')),
          item('Public visé', offer.audience),
          item('Prérequis', offer.prerequisites),
          item('Durée', formatHours(training.hours)),
          item('Période de réalisation', trainingDates(training)),
          item('Lieu', training.place),
          item('Effectif', capacityLine(training.capacity)),
          paragraph(
            [
              `Le programme annexé (${offerVersionLine(offer).toLowerCase()}) détaille le contenu de chaque demi-journée et ses horaires.`,
            ],
            { after: 200 },
          ),

          article('Article 2 — Moyens pédagogiques, suivi et sanction de la formation'),
          item('Moyens pédagogiques', offer.teachingMethods),
          item('Intervenant·es', offer.trainerQualifications),
          item('Évaluation des acquis', offer.assessmentMethod),
          paragraph([
            "L'assiduité est attestée par une feuille d'émargement signée par chaque participant·e à chaque demi-journée " +
              "et contresignée par l'intervenant·e. À l'issue de la formation, l'organisme remet à chaque participant·e un " +
              'certificat de réalisation et une attestation de fin de formation mentionnant les objectifs, la nature, la durée ' +
              "de l'action et les résultats de l'évaluation des acquis (article L6353-1 du Code du travail).",
          ]),
          paragraph(
            [`${offer.accessibility} Référent·e handicap\u00a0: ${disabilityContactLine(settings)}.`],
            { after: 200 },
          ),

          article('Article 3 — Prix et modalités de règlement'),
          paragraph([
            "Le coût total de la formation s'élève à ",
            { text: formatEuros(pricing.totalCents), bold: true },
            ` HT, soit ${formatEuros(pricing.unitPriceCents)} de formation` +
              (pricing.expensesCents > 0 ? ` et ${formatEuros(pricing.expensesCents)} de frais` : '') +
              (settings.vatExemption ? ` (${settings.vatExemption}).` : '.'),
          ]),
          item('Financement', fundingMention(funding)),
          ...[...paymentTerms('agreement', data, organisation), ...financialCommitment(data)].map(
            (text, index, all) => paragraph([text], { after: index === all.length - 1 ? 200 : 80 }),
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
            keepNext: true,
          }),
          signatures(organisation, {
            heading: 'Pour le client',
            lines: [
              ...(client.type === 'company'
                ? [[client.companyName], [clientSignatory(client)]]
                : [[clientName(client)]]),
              [
                client.type === 'company'
                  ? 'Signature et cachet, précédés de «\u00a0Lu et approuvé\u00a0»\u00a0:'
                  : 'Signature, précédée de «\u00a0Lu et approuvé\u00a0»\u00a0:',
              ],
            ],
          }),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}

/** Who pays what if the funder pays less than asked, or decides too late (seed 004, DESIGN.md §5). */
function financialCommitment(data: ProposalData): string[] {
  switch (data.funding.kind) {
    case 'client':
      return ["Le client règle l'intégralité du coût de la formation."];
    case 'fifpl':
    case 'agefice':
      return [
        "Le remboursement du fonds ne modifie pas le prix dû : le client règle l'intégralité du coût de la formation, " +
          'que le fonds le rembourse en tout, en partie ou pas.',
      ];
    default:
      return [
        'En cas de prise en charge partielle, le client règle la part non prise en charge par le financeur.',
        'En cas de refus de prise en charge, ou si la formation commence avant la décision du financeur et que celle-ci ' +
          "est négative, le client règle l'intégralité du coût de la formation.",
      ];
  }
}
