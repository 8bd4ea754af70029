import { Resend } from 'resend';
import type { EmailSender, RenderedEmail, SendResult } from './sender.ts';

/** Errors that retrying cannot fix: the message itself is refused. */
const REJECTIONS = new Set([
  'validation_error',
  'invalid_parameter',
  'missing_required_field',
  'invalid_from_address',
]);

export function resendSender(apiKey: string, baseUrl?: string): EmailSender {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: 'resend',
    async send(email: RenderedEmail, idempotencyKey: string): Promise<SendResult> {
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: [email.to],
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          // Resend takes attachment content as base64 in its JSON body.
          ...(email.attachments?.length
            ? {
                attachments: email.attachments.map((file) => ({
                  filename: file.filename,
                  content: file.content.toString('base64'),
                })),
              }
            : {}),
        },
        // Resend replays the first answer for a key it has seen: a retry never sends twice.
        { idempotencyKey },
      );
      if (error) {
        if (REJECTIONS.has(error.name))
          return { status: 'rejected', reason: `${error.name}: ${error.message}` };
        throw new Error(
          `Resend refused the e-mail (${error.statusCode ?? 'no status'} ${error.name}): ${error.message}`,
        );
      }
      return { status: 'sent', providerMessageId: data.id };
    },
  };
}
