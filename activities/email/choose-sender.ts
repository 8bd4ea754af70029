import type { EmailSettings } from '../../config/environment.ts';
import { outboxSender } from './outbox-sender.ts';
import { resendSender } from './resend-sender.ts';
import type { EmailSender } from './sender.ts';

/** Resend when an API key is configured, the local outbox otherwise: nothing is sent by accident. */
export function chooseEmailSender(settings: EmailSettings): EmailSender {
  return settings.resendApiKey
    ? resendSender(settings.resendApiKey, settings.resendBaseUrl)
    : outboxSender(settings.outboxDir);
}
