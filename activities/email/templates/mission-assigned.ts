import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDate } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

export function missionAssigned(
  data: EmailTemplateData['missionAssigned'],
  language: Language,
  links: { missionPage: string },
): EmailContent {
  if (language === 'en') {
    return {
      subject: `New mission: ${data.missionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.coordinatorName},`,
        `You are the coordinator of the mission "${data.missionTitle}" for ${data.clientName}. Every session must take place by ${formatDate(data.endDate, language)}.`,
        'Plan its sessions from the mission page.',
      ],
      action: { label: 'Open the mission', url: links.missionPage },
    };
  }
  return {
    subject: `Nouvelle mission : ${data.missionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `Vous coordonnez la mission « ${data.missionTitle} » pour ${data.clientName}. Toutes les sessions doivent avoir lieu avant le ${formatDate(data.endDate, language)}.`,
      'Planifiez ses sessions depuis la page de la mission.',
    ],
    action: { label: 'Ouvrir la mission', url: links.missionPage },
  };
}
