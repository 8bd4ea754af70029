/**
 * The *contrat de formation professionnelle* (Code du travail L6353-3 to L6353-7), always in
 * French: what a person buying a training for themselves, at their own expense, signs instead of
 * an agreement (workflows/rules/contract.ts). L6353-4 makes it null without the mentions of its
 * 1° to 5°, so each article below says which one it carries; the text is the catalogue offer's
 * version the session was planned with. Sent and signed by e-mail, it is also a distance contract
 * with a consumer: 14 days to withdraw (Code de la consommation L221-18) rather than the labour
 * code's 10, by any unambiguous statement. No cancellation fee is asked of the person: on force
 * majeure only what was delivered is due, pro rata (L6353-7).
 */
import { Document } from 'docx';
import type { ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { LABOUR_CODE_WITHDRAWAL_DAYS, WITHDRAWAL_DAYS } from '../../workflows/rules/contract.ts';
import { formatDate, formatEuros } from '../format/french.ts';
import { article, bullet, item, line, PAGE, PROPOSAL_STYLES, paragraph, title } from './layout.ts';
import { disabilityContactLine, type Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import {
  capacityLine,
  checkProposal,
  clientLines,
  clientName,
  formatHours,
  offerVersionLine,
  paymentTerms,
  programmeRows,
  providerParty,
  signatures,
  trainingDates,
} from './proposal-parts.ts';

export async function buildTrainingContract(
  data: ProposalData,
  organisation: Organisation,
  offer: TrainingOffer,
): Promise<Buffer> {
  checkProposal(data);
  const { funding, pricing, training } = data;
  const { settings } = organisation;
  const person = funding.client;
  // L6353-3: the contract is for a person paying themselves; an organisation signs an agreement.
  if (person.type !== 'individual' || funding.kind !== 'client')
    throw new RangeError(
      `a contrat de formation professionnelle is for a person paying themselves, not a ${person.type} funded by ${funding.kind}`,
    );
  if (!offer.trainingAction) throw new RangeError(`${offer.title} is not a training action`);

  const document = new Document({
    creator: settings.legalName,
    title: `Contrat de formation professionnelle n° ${data.proposalNumber}`,
    styles: PROPOSAL_STYLES,
    sections: [
      {
        properties: PAGE,
        children: [
          title('CONTRAT DE FORMATION PROFESSIONNELLE'),
          line(['(articles L6353-3 à L6353-7 du Code du travail)'], { center: true }),
          line([`Contrat n° ${data.proposalNumber}`], { center: true, after: 360 }),

          ...providerParty(organisation),
          ...clientLines(person).map((runs) => line(runs)),
          line(
            [
              'qui entreprend cette formation à titre individuel et à ses frais, ci-après « le ou la stagiaire ».',
            ],
            { after: 240 },
          ),
          paragraph(
            [
              "Ce contrat est conclu avant l'inscription définitive du ou de la stagiaire et avant tout règlement " +
                '(article L6353-3 du Code du travail).',
            ],
            { after: 240 },
          ),

          article("Article 1 — Nature, objet, programme, durée et effectif de l'action"),
          item('Intitulé', training.title),
          item("Nature de l'action", 'action de formation (article L6313-1 du Code du travail)'),
          item('Objet', 'à son issue, le ou la stagiaire sera capable de\u00a0:'),
          ...offer.objectives.map((objective) => bullet(objective)),
          item('Programme', ''),
          ...programmeRows(data, offer).map(({ halfDay, step }) =>
            bullet(
              `${formatDate(halfDay.date)}, ${halfDay.period === 'morning' ? 'matin' : 'après-midi'} : ${step.title}` +
                (step.content ? ` — ${step.content}` : ''),
            ),
          ),
          item('Durée', formatHours(training.hours)),
          item('Dates', trainingDates(training)),
          item('Lieu', training.place),
          item('Effectif', capacityLine(training.capacity)),
          paragraph([`Le programme détaillé est annexé (${offerVersionLine(offer).toLowerCase()}).`], {
            after: 200,
          }),

          article('Article 2 — Niveau de connaissances préalables requis'),
          item('Prérequis', offer.prerequisites),
          item('Public visé', offer.audience),
          paragraph(
            [
              "Un questionnaire de positionnement, avant la formation, permet d'adapter celle-ci au niveau du ou de la stagiaire.",
            ],
            { after: 200 },
          ),

          article('Article 3 — Conditions de déroulement, moyens pédagogiques et contrôle des connaissances'),
          item('Modalité', `en présentiel, ${training.place}`),
          item('Moyens pédagogiques et techniques', offer.teachingMethods),
          item('Contrôle des connaissances', offer.assessmentMethod),
          item(
            'Sanction de la formation',
            "certificat de réalisation et attestation de fin de formation mentionnant les objectifs, la nature, la durée de l'action " +
              "et les résultats de l'évaluation des acquis (article L6353-1 du Code du travail) ; la formation ne délivre ni diplôme ni titre.",
          ),
          paragraph(
            [`${offer.accessibility} Référent·e handicap\u00a0: ${disabilityContactLine(settings)}.`],
            {
              after: 200,
            },
          ),

          article('Article 4 — Personnes chargées de la formation'),
          item('Titres et qualités', offer.trainerQualifications),
          line(
            [
              { text: 'Contact pendant la formation\u00a0: ', bold: true },
              `${data.coordinatorName}, coordinateur·ice de la formation`,
            ],
            { indent: 360, after: 200 },
          ),

          article('Article 5 — Délai de rétractation'),
          paragraph([
            `À compter de la signature du présent contrat, le ou la stagiaire dispose d'un délai de ${WITHDRAWAL_DAYS} jours ` +
              `pour se rétracter : le délai de ${LABOUR_CODE_WITHDRAWAL_DAYS} jours de l'article L6353-5 du Code du travail, porté à ` +
              `${WITHDRAWAL_DAYS} jours parce que le contrat est conclu à distance (article L221-18 du Code de la consommation). ` +
              `Il ou elle se rétracte par lettre recommandée avec avis de réception adressée à ${settings.legalName}, ` +
              `${settings.address}, ou par toute autre déclaration dénuée d'ambiguïté (article L221-21 du Code de la ` +
              'consommation). Dans ce cas, aucune somme ne peut être exigée (article L6353-5 du Code du travail).',
          ]),
          paragraph(
            [
              'Si le ou la stagiaire demande expressément que la formation commence avant la fin de ce délai, il ou elle ' +
                'peut encore se rétracter et ne doit alors que les heures déjà suivies (article L221-25 du Code de la consommation).',
            ],
            { after: 200 },
          ),

          article('Article 6 — Prix et modalités de paiement'),
          paragraph([
            'Le prix de la formation est de ',
            { text: formatEuros(pricing.totalCents), bold: true },
            ` (${formatEuros(pricing.unitPriceCents)} de formation` +
              (pricing.expensesCents > 0 ? ` et ${formatEuros(pricing.expensesCents)} de frais` : '') +
              (settings.vatExemption ? `, ${settings.vatExemption}).` : ').'),
          ]),
          ...paymentTerms('trainingContract', data, organisation).map((text, index, all) =>
            paragraph([text], { after: index === all.length - 1 ? 200 : 80 }),
          ),

          article('Article 7 — Cessation anticipée et abandon'),
          paragraph([
            'Si, par suite de force majeure dûment reconnue, le ou la stagiaire est empêché·e de suivre la formation, il ou elle ' +
              'peut rompre le présent contrat ; seules les prestations effectivement dispensées sont alors dues, au prorata ' +
              'temporis de leur valeur prévue au contrat (article L6353-7 du Code du travail).',
          ]),
          paragraph([
            'En cas d’abandon pour un autre motif, seules les heures effectivement suivies sont dues, au prorata du prix. ' +
              "Aucune indemnité ni aucun dédit n'est demandé au ou à la stagiaire.",
          ]),
          paragraph(
            [
              "Si l'organisme de formation annule ou interrompt la formation, les sommes versées pour les heures non " +
                'dispensées sont remboursées.',
            ],
            { after: 200 },
          ),

          article('Article 8 — Informations remises avant l’inscription'),
          paragraph(
            [
              'Le ou la stagiaire a reçu avec ce contrat le programme et les objectifs de la formation, les titres et qualités ' +
                "des intervenant·es, les horaires, les modalités d'évaluation, le prix et les conditions de paiement, et les " +
                'coordonnées de la personne chargée des relations avec les stagiaires, ainsi que le règlement intérieur ' +
                'applicable à la formation (article L6353-8 du Code du travail).',
            ],
            { after: 360 },
          ),

          line([`Fait à ${settings.city}, le ${formatDate(data.issuedOn)}, en deux exemplaires.`], {
            after: 240,
            keepNext: true,
          }),
          signatures(organisation, {
            heading: 'Le ou la stagiaire',
            lines: [
              [clientName(person)],
              ['Date et signature, précédées de «\u00a0Lu et approuvé\u00a0»\u00a0:'],
            ],
          }),
        ],
      },
    ],
  });
  return packDocx(document, data.issuedOn);
}
