import type { EmailRequest } from '../../../workflows/messages/email.ts';
import type { EmailContent } from '../layout.ts';
import { missionAssigned } from './mission-assigned.ts';
import { planningEscalation, planningReminder } from './planning.ts';

export interface Links {
  publicBaseUrl: string;
}

/** Renders any template from its request; adding a template means adding a case here. */
export function renderTemplate(request: EmailRequest, links: Links): EmailContent {
  const missionPage = `${links.publicBaseUrl}/missions/${request.missionId}`;
  switch (request.template) {
    case 'missionAssigned':
      return missionAssigned(request.data, request.language, { missionPage });
    case 'planningReminder':
      return planningReminder(request.data, request.language, { missionPage });
    case 'planningEscalation':
      return planningEscalation(request.data, request.language, { missionPage });
  }
}
