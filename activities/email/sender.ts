/** Where rendered e-mails go: Resend in production, a local outbox folder otherwise. */
export interface RenderedEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export type SendResult =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'rejected'; reason: string };

export interface EmailSender {
  readonly name: string;
  /** Throws on failures worth retrying; returns `rejected` for an address that will never work. */
  send(email: RenderedEmail, idempotencyKey: string): Promise<SendResult>;
}
