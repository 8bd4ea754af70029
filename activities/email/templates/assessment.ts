/**
 * The end-of-training assessment and the attestation de fin de formation it leads to (Code du
 * travail L6353-1), to the trainee, in their session's language; the attestation itself is in
 * French, as every legal document.
 */
import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDate, formatNumber } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

export function assessmentInvitation(
  data: Data<'assessmentInvitation'>,
  language: Language,
  link: string,
): EmailContent {
  const answerBy = formatDate(data.answerBy, language);
  if (language === 'en') {
    return {
      subject: `Assess what you have learnt — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.participantName},`,
        `Now that "${data.sessionTitle}" is over, tell us for each of its objectives where you stand today. It takes five minutes.`,
        `Your answers appear as your self-assessment on your end-of-training attestation, which we send you as soon as you answer. Please answer by ${answerBy}: after that date the attestation is sent with what you learnt marked as not assessed.`,
      ],
      facts: sessionFacts(data, language, { client: false }),
      action: { label: 'Assess what I have learnt', url: link },
    };
  }
  return {
    subject: `Évaluez vos acquis — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.participantName},`,
      `La formation « ${data.sessionTitle} » est terminée : dites-nous, pour chacun de ses objectifs, où vous en êtes aujourd'hui. Cela prend cinq minutes.`,
      `Vos réponses figurent comme votre auto-évaluation sur votre attestation de fin de formation, que nous vous envoyons dès votre réponse. Répondez au plus tard le ${answerBy} : passé cette date, l'attestation vous est envoyée avec vos acquis indiqués comme non évalués.`,
    ],
    facts: sessionFacts(data, language, { client: false }),
    action: { label: 'Évaluer mes acquis', url: link },
  };
}

export function endOfTrainingAttestation(
  data: Data<'endOfTrainingAttestation'>,
  language: Language,
): EmailContent {
  const hours = formatNumber(data.hoursAttended, language);
  if (language === 'en') {
    return {
      subject: `Your end-of-training attestation — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.participantName},`,
        `Your end-of-training attestation for "${data.sessionTitle}" is attached, in French like every legal document of a training in France. It states the training's objectives, its nature, the ${hours} hours you attended and ${data.assessed ? 'the result of your self-assessment for each objective' : 'that what you learnt was not assessed, as we received no answer to the assessment'}.`,
        'Keep it with your certificate of completion.',
      ],
    };
  }
  return {
    subject: `Votre attestation de fin de formation — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.participantName},`,
      `Vous trouverez ci-joint votre attestation de fin de formation pour « ${data.sessionTitle} » : elle indique les objectifs de la formation, sa nature, les ${hours} heures que vous avez suivies et ${data.assessed ? 'le résultat de votre auto-évaluation pour chaque objectif' : "que vos acquis n'ont pas été évalués, faute de réponse au questionnaire d'évaluation"}.`,
      'Conservez-la avec votre certificat de réalisation.',
    ],
  };
}
