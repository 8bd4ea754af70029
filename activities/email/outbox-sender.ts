import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from './layout.ts';
import type { EmailSender, RenderedEmail, SendResult } from './sender.ts';

/**
 * Local development: each e-mail becomes an .html file to open in a browser and a .json file
 * with its envelope. The file name is the idempotency key, so a retry rewrites the same file.
 */
export function outboxSender(dir: string): EmailSender {
  return {
    name: 'outbox',
    async send(email: RenderedEmail, idempotencyKey: string): Promise<SendResult> {
      await mkdir(dir, { recursive: true });
      const base = path.join(dir, idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_'));
      // Escaped: a name or title closing the comment would otherwise run as HTML when the file is opened.
      const header = `<!-- From: ${escapeHtml(email.from)} | To: ${escapeHtml(email.to)} | Subject: ${escapeHtml(email.subject)} -->\n`;
      await writeFile(`${base}.html`, header + email.html);
      const { attachments = [], ...envelope } = email;
      for (const file of attachments) await writeFile(`${base}--${file.filename}`, file.content);
      const listed = attachments.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        bytes: file.content.byteLength,
      }));
      await writeFile(
        `${base}.json`,
        `${JSON.stringify({ ...envelope, attachments: listed, idempotencyKey }, null, 2)}\n`,
      );
      return { status: 'sent', providerMessageId: `outbox:${path.basename(base)}` };
    },
  };
}
