import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import type { EmailContent } from '../layout.ts';

type Data = EmailTemplateData['auditMismatch'];

/**
 * To staff, before certificates go out (DESIGN.md §5): the session's documents disagree, so its
 * certificates, and the payouts for it, wait until the documents are fixed or staff release them.
 */
export function auditMismatch(data: Data, language: Language, sessionPage: string): EmailContent {
  const findings = data.findings.map((finding) =>
    language === 'en'
      ? `${finding.problem.en} To fix: ${finding.fix.en}`
      : `${finding.problem.fr} À faire : ${finding.fix.fr}`,
  );
  if (language === 'en') {
    return {
      subject: `Certificates held back, documents disagree: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Before sending the certificates of ${data.sessionTitle} for ${data.clientName}, the consistency check found what an OPCO or Qualiopi audit would reject:`,
        ...findings,
        'The certificates and the payouts for this session wait. They go out once the documents agree (checked again every day), or when staff release them from the session.',
      ],
      action: { label: 'Open the session', url: sessionPage },
    };
  }
  return {
    subject: `Certificats retenus, documents incohérents : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Avant l'envoi des certificats de la session ${data.sessionTitle} pour ${data.clientName}, le contrôle de cohérence a relevé ce qu'un contrôle OPCO ou un audit Qualiopi refuserait :`,
      ...findings,
      "Les certificats et les rétributions de cette session attendent. Ils partiront quand les documents concorderont (contrôle repris chaque jour), ou quand l'équipe les libérera depuis la session.",
    ],
    action: { label: 'Ouvrir la session', url: sessionPage },
  };
}
