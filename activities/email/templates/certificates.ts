import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatNumber } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type Data = EmailTemplateData['certificatesUnbacked'];

/** To staff: which certificates a sheet judged non-compliant after they were sent had backed. */
export function certificatesUnbacked(data: Data, language: Language, sessionPage: string): EmailContent {
  const list = data.certificates
    .map(
      ({ participantName, hoursAttended }) =>
        `${participantName} (${formatNumber(hoursAttended, language)} h)`,
    )
    .join(', ');
  if (language === 'en') {
    return {
      subject: `Certificates no longer backed: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `The attendance sheet of ${data.sessionTitle} for ${data.clientName} was judged non-compliant${data.reason ? ` (${data.reason})` : ''} after ${data.certificates.length} certificate(s) it backed were sent.`,
        `Certificates sent: ${list}.`,
        'Their hours are no longer proven: decide whether to obtain a compliant sheet or withdraw them. They are flagged on the session.',
      ],
      action: { label: 'Open the session', url: sessionPage },
    };
  }
  return {
    subject: `Certificats sans preuve : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `La feuille d'émargement de la session ${data.sessionTitle} pour ${data.clientName} a été jugée non conforme${data.reason ? ` (${data.reason})` : ''} après l'envoi des ${data.certificates.length} certificat(s) qu'elle justifiait.`,
      `Certificats envoyés : ${list}.`,
      'Leurs heures ne sont plus prouvées : obtenez une feuille conforme ou retirez-les. Ils sont signalés sur la session.',
    ],
    action: { label: 'Ouvrir la session', url: sessionPage },
  };
}
