import type { EmailRequest } from '../../../workflows/messages/email.ts';
import type { EmailContent } from '../layout.ts';
import { missionAssigned } from './mission-assigned.ts';

export interface Links {
  publicBaseUrl: string;
}

/** Renders any template from its request; adding a template means adding a case here. */
export function renderTemplate(request: EmailRequest, links: Links): EmailContent {
  switch (request.template) {
    case 'missionAssigned':
      return missionAssigned(request.data, request.language, {
        missionPage: `${links.publicBaseUrl}/missions/${request.data.missionId}`,
      });
  }
}
