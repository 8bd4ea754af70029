import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocumentActivity } from '../../activities/documents/generate-document.ts';
import {
  type BuiltDocument,
  type DocumentKey,
  findDocument,
  latestDocument,
  storeDocument,
} from '../../activities/documents/store.ts';
import type { DatabasePool } from '../../db/pool.ts';
import type { CertificateData } from '../../workflows/messages/documents.ts';
import { testPool } from '../support/database.ts';

const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** Postgres adds years to 29 February by keeping to 28 February when the year is not a leap one. */
const yearsLater = (date: string, years: number) => {
  const [year, month, day] = date.split('-');
  const target = Number(year) + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return `${target}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}`;
};

describe('document store (Postgres)', () => {
  let pool: DatabasePool;

  beforeAll(async () => {
    pool = await testPool();
  });
  afterAll(async () => pool?.end());

  // The database is shared by the run: every key here is this test's own.
  const certificateKey = (): DocumentKey => ({
    missionId: randomUUID(),
    sessionId: randomUUID(),
    participantId: `participant-${randomUUID()}`,
    kind: 'certificate',
  });
  const built = (content: string): BuiltDocument => ({
    kind: 'certificate',
    filename: 'certificat-realisation-lefevre-eloise.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: Buffer.from(content),
  });

  it('stores the same bytes once: a retry gets the version already stored', async () => {
    const key = certificateKey();
    const first = await storeDocument(pool, key, built('contenu'));
    const retried = await storeDocument(pool, key, built('contenu'));

    expect(first.version).toBe(1);
    expect(retried).toEqual(first);
  });

  it('stores other bytes for the same key as the next version, keeping the previous one', async () => {
    const key = certificateKey();
    const first = await storeDocument(pool, key, built('première version'));
    const second = await storeDocument(pool, key, built('seconde version'));

    expect(second.version).toBe(2);
    expect(second.documentId).not.toBe(first.documentId);
    expect((await latestDocument(pool, key))?.documentId).toBe(second.documentId);
    expect((await findDocument(pool, first.documentId))?.bytes.toString()).toBe('première version');
  });

  it('stores once when attempts of the same document race', async () => {
    const key = certificateKey();
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => storeDocument(pool, key, built('en même temps'))),
    );

    expect(new Set(attempts.map((stored) => stored.documentId)).size).toBe(1);
    expect(attempts[0]?.version).toBe(1);
  });

  it('keeps the bytes with their size and their sha256', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 0]);
    const stored = await storeDocument(pool, certificateKey(), { ...built(''), bytes });
    const found = await findDocument(pool, stored.documentId);

    expect(stored.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.byteSize).toBe(6);
    expect(found?.bytes.equals(bytes)).toBe(true);
    expect(found?.checksum).toBe(stored.checksum);
  });

  it('keeps a certificate until the end of its year plus the 3 years it states, and an attendance sheet 6', async () => {
    const today = parisToday();
    const certificate = await storeDocument(pool, certificateKey(), built('certificat'));
    const sheetKey: DocumentKey = {
      missionId: randomUUID(),
      sessionId: randomUUID(),
      participantId: null,
      kind: 'attendanceSheet',
    };
    const sheet = await storeDocument(pool, sheetKey, { ...built('feuille'), kind: 'attendanceSheet' });

    expect((await findDocument(pool, certificate.documentId))?.retainUntil).toBe(
      `${Number(today.slice(0, 4)) + 3}-12-31`,
    );
    expect((await findDocument(pool, sheet.documentId))?.retainUntil).toBe(yearsLater(today, 6));
  });

  it('tells keys without a session or a participant apart from keys with one', async () => {
    const missionId = randomUUID();
    const sessionId = randomUUID();
    const withoutSession = await storeDocument(
      pool,
      { missionId, sessionId: null, participantId: null, kind: 'attendanceSheet' },
      { ...built('mission'), kind: 'attendanceSheet' },
    );
    const withSession = await storeDocument(
      pool,
      { missionId, sessionId, participantId: null, kind: 'attendanceSheet' },
      { ...built('session'), kind: 'attendanceSheet' },
    );

    expect([withoutSession.version, withSession.version]).toEqual([1, 1]);
    expect(
      (
        await latestDocument(pool, {
          missionId,
          sessionId: null,
          participantId: null,
          kind: 'attendanceSheet',
        })
      )?.documentId,
    ).toBe(withoutSession.documentId);
  });

  it('finds nothing for an unknown or malformed id', async () => {
    expect(await findDocument(pool, randomUUID())).toBeNull();
    expect(await findDocument(pool, 'not-a-uuid')).toBeNull();
  });

  describe('generateDocument activity', () => {
    const data = (): CertificateData => ({
      missionId: randomUUID(),
      sessionId: randomUUID(),
      participantId: `participant-${randomUUID()}`,
      participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
      clientName: 'Acme Industries SAS',
      actionTitle: 'Comprendre et agir : les enjeux climatiques',
      actionNature: 'action de formation',
      from: '2027-01-12',
      to: '2027-01-13',
      hoursAttended: 10.5,
      hoursPlanned: 14,
      issuedOn: '2027-01-14',
    });

    it('stores a regenerated certificate once, under its participant', async () => {
      const generateDocument = generateDocumentActivity(pool);
      const request = { kind: 'certificate' as const, data: data() };
      const first = await generateDocument(request);
      const again = await generateDocument(request);
      const found = await findDocument(pool, first.documentId);

      expect(again).toEqual(first);
      expect(first.filename).toBe('certificat-realisation-lefevre-eloise.docx');
      expect(found?.participantId).toBe(request.data.participantId);
      expect(found?.sessionId).toBe(request.data.sessionId);
      expect((await mammoth.extractRawText({ buffer: found?.bytes ?? Buffer.alloc(0) })).value).toContain(
        'Éloïse Lefèvre',
      );
    });

    it('fails for good on data no retry can fix', async () => {
      const generateDocument = generateDocumentActivity(pool);
      const failure = await generateDocument({
        kind: 'certificate',
        data: { ...data(), hoursAttended: 20 },
      }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'DOCUMENT_DATA_INVALID', nonRetryable: true });
    });
  });
});
