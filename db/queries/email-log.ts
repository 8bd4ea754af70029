import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

const emailLogRow = z.object({
  idempotencyKey: z.string(),
  recipient: z.string(),
  template: z.string(),
  language: z.string(),
  subject: z.string(),
  status: z.enum(['sent', 'rejected']),
  provider: z.string(),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
  sentAt: z.string(),
  sessionId: z.string().nullable(),
});

export type EmailLogRecord = z.infer<typeof emailLogRow>;

const columns = sql.fragment`
  idempotency_key as "idempotencyKey", recipient, template, language, subject, status, provider,
  provider_message_id as "providerMessageId", error, sent_at as "sentAt", session_id::text as "sessionId"`;

export async function findEmailLog(
  db: CommonQueryMethods,
  idempotencyKey: string,
): Promise<EmailLogRecord | null> {
  return db.maybeOne(
    sql.type(emailLogRow)`select ${columns} from email_log where idempotency_key = ${idempotencyKey}`,
  );
}

export async function listEmailLog(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly EmailLogRecord[]> {
  return db.any(
    sql.type(
      emailLogRow,
    )`select ${columns} from email_log where mission_id = ${missionId} order by sent_at, idempotency_key`,
  );
}

export interface EmailLogEntry {
  idempotencyKey: string;
  missionId: string;
  sessionId?: string;
  recipient: string;
  template: string;
  language: string;
  subject: string;
  status: 'sent' | 'rejected';
  provider: string;
  providerMessageId: string | null;
  error: string | null;
}

export async function insertEmailLog(db: CommonQueryMethods, entry: EmailLogEntry): Promise<void> {
  await db.query(sql.unsafe`
    insert into email_log (idempotency_key, mission_id, session_id, recipient, template, language, subject, status,
                           provider, provider_message_id, error)
    values (${entry.idempotencyKey}, ${entry.missionId}, ${entry.sessionId ?? null}, ${entry.recipient}, ${entry.template},
            ${entry.language}, ${entry.subject}, ${entry.status}, ${entry.provider}, ${entry.providerMessageId}, ${entry.error})
    on conflict (idempotency_key) do nothing`);
}

export async function findEmailLogForSession(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<readonly EmailLogRecord[]> {
  return db.any(
    sql.type(
      emailLogRow,
    )`select ${columns} from email_log where session_id = ${sessionId} order by sent_at, idempotency_key`,
  );
}
