import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

/**
 * The coordinator's own words, as plain text: each line becomes a paragraph of the quotation (the
 * layout escapes it and sets it apart from the association's words), so what they typed reads the
 * same in the HTML and the text version, and never as markup.
 */
export function sessionMessage(data: EmailTemplateData['sessionMessage'], language: Language): EmailContent {
  const lines = data.body
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  if (language === 'en') {
    return {
      subject: data.subject,
      paragraphs: [
        `Hello ${data.recipientName},`,
        `${data.coordinatorName}, who coordinates the session "${data.sessionTitle}" for ${data.clientName}, writes to you below. To answer, reply to this e-mail: your answer goes to ${data.coordinatorName}.`,
      ],
      quote: lines,
      facts: sessionFacts(data, language, { client: false }),
    };
  }
  return {
    subject: data.subject,
    paragraphs: [
      `Bonjour ${data.recipientName},`,
      `${data.coordinatorName}, qui coordonne la session « ${data.sessionTitle} » pour ${data.clientName}, vous écrit le message ci-dessous. Il vous suffit de répondre à cet e-mail : votre réponse parviendra à ${data.coordinatorName}.`,
    ],
    quote: lines,
    facts: sessionFacts(data, language, { client: false }),
  };
}
