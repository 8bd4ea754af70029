/**
 * The logs an auditor reads beside the documents, each as CSV (French spreadsheets: semicolons,
 * a byte-order mark) and as JSON (for tools): the e-mails sent, the signatures recorded, the
 * survey and positioning answers of the mission or of one session.
 */
import { stringify } from 'csv-stringify/sync';
import type { CommonQueryMethods } from 'slonik';
import { listPositioningAnswers, listSignatureLog, listSurveyAnswers } from '../../db/queries/audit-facts.ts';
import { listEmailLog } from '../../db/queries/email-log.ts';

export interface Extract {
  /** File name without extension: the bundle writes name.csv and name.json. */
  name: string;
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

const cell = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

export function extractCsv(extract: Extract): string {
  return `\uFEFF${stringify([extract.columns, ...extract.rows.map((row) => extract.columns.map((column) => cell(row[column])))], { delimiter: ';' })}`;
}

export function extractJson(extract: Extract): string {
  return `${JSON.stringify(extract.rows, null, 2)}\n`;
}

export async function readExtracts(
  db: CommonQueryMethods,
  missionId: string,
  sessionId: string | null,
): Promise<Extract[]> {
  const inScope = <T extends { sessionId: string | null }>(rows: readonly T[]): T[] =>
    rows.filter((row) => sessionId === null || row.sessionId === sessionId);
  const [emails, signatures, surveys, positioning] = await Promise.all([
    listEmailLog(db, missionId),
    listSignatureLog(db, missionId),
    listSurveyAnswers(db, missionId),
    listPositioningAnswers(db, missionId),
  ]);
  return [
    {
      name: 'emails',
      title: 'Journal des e-mails envoyés',
      columns: [
        'sentAt',
        'sessionId',
        'recipient',
        'template',
        'language',
        'subject',
        'status',
        'provider',
        'providerMessageId',
        'error',
        'idempotencyKey',
      ],
      rows: inScope(emails),
    },
    {
      name: 'signatures',
      title: 'Journal des signatures de présence',
      columns: [
        'signedAt',
        'sessionId',
        'halfDayIndex',
        'kind',
        'participantId',
        'facilitatorId',
        'ip',
        'userAgent',
        'imageSha256',
        'signatureId',
      ],
      rows: inScope(signatures),
    },
    {
      name: 'questionnaires-satisfaction',
      title: 'Réponses aux questionnaires de satisfaction',
      columns: ['answeredAt', 'sessionId', 'participantId', 'kind', 'rating', 'comment', 'answers'],
      rows: inScope(surveys),
    },
    {
      name: 'tests-positionnement',
      title: 'Réponses aux tests de positionnement',
      columns: ['answeredAt', 'sessionId', 'participantId', 'answers'],
      rows: inScope(positioning),
    },
  ];
}
