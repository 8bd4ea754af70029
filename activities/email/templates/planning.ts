import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDate } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type PlanningData = EmailTemplateData['planningReminder'];

export function planningReminder(
  data: PlanningData,
  language: Language,
  links: { missionPage: string },
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Reminder: ${data.unplanned} session(s) still to plan — ${data.missionTitle}`,
      paragraphs: [
        `Hello ${data.coordinatorName},`,
        `The mission "${data.missionTitle}" for ${data.clientName} ends on ${formatDate(data.endDate, language)} and ${data.unplanned === 1 ? '1 ordered session is' : `${data.unplanned} ordered sessions are`} not planned yet.`,
        'Plan them now so facilitators and participants can be invited in time.',
      ],
      action: { label: 'Plan the sessions', url: links.missionPage },
    };
  }
  return {
    subject: `Rappel : ${data.unplanned} session(s) à planifier — ${data.missionTitle}`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `La mission « ${data.missionTitle} » pour ${data.clientName} se termine le ${formatDate(data.endDate, language)} et ${data.unplanned === 1 ? 'une session commandée n’est' : `${data.unplanned} sessions commandées ne sont`} pas encore planifiée${data.unplanned === 1 ? '' : 's'}.`,
      'Planifiez-les dès maintenant pour que les animateur·ices et les participant·es puissent être invité·es à temps.',
    ],
    action: { label: 'Planifier les sessions', url: links.missionPage },
  };
}

export function planningEscalation(
  data: PlanningData,
  language: Language,
  links: { missionPage: string },
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Escalation: ${data.unplanned} unplanned session(s) — ${data.missionTitle} (${data.clientName})`,
      paragraphs: [
        `The mission "${data.missionTitle}" for ${data.clientName}, coordinated by ${data.coordinatorName}, ends on ${formatDate(data.endDate, language)}.`,
        `${data.unplanned === 1 ? 'One ordered session is' : `${data.unplanned} ordered sessions are`} still not planned despite the reminder. Please contact the coordinator.`,
      ],
      action: { label: 'Open the mission', url: links.missionPage },
    };
  }
  return {
    subject: `Alerte : ${data.unplanned} session(s) non planifiée(s) — ${data.missionTitle} (${data.clientName})`,
    paragraphs: [
      `La mission « ${data.missionTitle} » pour ${data.clientName}, coordonnée par ${data.coordinatorName}, se termine le ${formatDate(data.endDate, language)}.`,
      `${data.unplanned === 1 ? 'Une session commandée n’est toujours pas planifiée' : `${data.unplanned} sessions commandées ne sont toujours pas planifiées`} malgré le rappel. Merci de contacter la ou le coordinateur·ice.`,
    ],
    action: { label: 'Ouvrir la mission', url: links.missionPage },
  };
}
