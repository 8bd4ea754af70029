/**
 * The attestation de fin de formation as the trainee receives it: built by the real activity from
 * the offer version and the answers stored in Postgres, converted by LibreOffice, sealed, and
 * read back with poppler as a funder or an auditor would, mention by mention (L6353-1 al. 2).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEndOfTrainingAttestation } from '../../activities/documents/end-of-training-attestation.ts';
import { generateDocumentActivity } from '../../activities/documents/generate-document.ts';
import { DOCX_CONTENT_TYPE } from '../../activities/documents/pack.ts';
import { DEVELOPMENT_SIGNER } from '../../activities/documents/pdf/seal-certificate.ts';
import { type PdfRendering, sealedPdfOf } from '../../activities/documents/pdf/sealed-pdf.ts';
import { findDocument, storeDocument } from '../../activities/documents/store.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { createOffer } from '../../db/queries/catalogue.ts';
import { saveAssessment } from '../../db/queries/end-of-training-assessments.ts';
import type { EndOfTrainingAttestationData, StoredDocument } from '../../workflows/messages/documents.ts';
import type { OfferRef } from '../../workflows/messages/domain.ts';
import { testPool } from '../support/database.ts';
import { trainingOffer } from '../support/offers.ts';
import { SAMPLE_ORGANISATION } from '../support/organisation.ts';
import { pdfsig, pdfText, testPdfRendering } from '../support/pdf.ts';
import { signaturePng } from '../support/png.ts';

const run = promisify(execFile);

const { offerId: _id, version: _v, versionDate: _d, placeholder: _p, ...content } = trainingOffer;

describe('attestation de fin de formation: built from Postgres, converted and sealed', () => {
  let pool: DatabasePool;
  let rendering: PdfRendering;
  let scratch: string;
  let offer: OfferRef;
  const missionId = randomUUID();
  const sessionId = randomUUID();

  const data = (participantId: string, firstName: string): EndOfTrainingAttestationData => ({
    missionId,
    sessionId,
    participantId,
    participant: { firstName, lastName: 'Lefèvre' },
    actionTitle: 'Animer un atelier participatif — Lyon, janvier',
    sessionKind: 'training',
    offer,
    from: '2027-01-12',
    to: '2027-01-13',
    hoursAttended: 10.5,
    hoursPlanned: 14,
    answerBy: '2027-01-27',
    issuedOn: '2027-01-15',
  });

  async function pdfOf(documentId: string): Promise<string> {
    const document = await findDocument(pool, documentId);
    if (!document) throw new Error(`document ${documentId} not stored`);
    const pdf = await sealedPdfOf(pool, rendering, document);
    const file = path.join(scratch, `${documentId}.pdf`);
    await writeFile(file, pdf.bytes);
    return file;
  }

  beforeAll(async () => {
    pool = await testPool();
    rendering = testPdfRendering();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'attestation-test-'));
    const created = await createOffer(pool, content, 'staff-1');
    offer = { offerId: created.offerId, version: created.version };
  }, 60_000);

  afterAll(async () => {
    await rendering?.converter.close();
    await pool?.end();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('states, sealed, the objectives, nature, duration and the self-assessed result of each objective', async () => {
    const participantId = randomUUID();
    expect(
      await saveAssessment(pool, {
        sessionId,
        participantId,
        missionId,
        offer,
        levels: ['acquired', 'partly', 'acquired', 'notYet'],
        answers: { 'extra-caseStudy': 'Un tour de table, puis des binômes.' },
      }),
    ).toBe(true);
    const generate = generateDocumentActivity(pool);
    const stored: StoredDocument = await new MockActivityEnvironment().run(generate, {
      kind: 'endOfTrainingAttestation' as const,
      data: data(participantId, 'Éloïse'),
    });
    expect(stored.filename).toBe('attestation-fin-formation-lefevre-eloise.docx');
    const record = await findDocument(pool, stored.documentId);
    // Stored with the settings and the catalogue version it was built from.
    expect(record?.organisationSettingsVersion).toEqual(expect.any(Number));
    expect(record?.catalogueOffer).toEqual(offer);

    const file = await pdfOf(stored.documentId);
    const report = await pdfsig(file);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain(`Signer Certificate Common Name: ${DEVELOPMENT_SIGNER}`);

    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('ATTESTATION DE FIN DE FORMATION');
    expect(text).toContain('Éloïse Lefèvre');
    // L6353-1 al. 2, mention by mention: the objectives…
    // (pdftotext -layout sets a cell's wrapped end after the next column: the start of each suffices.)
    for (const objective of trainingOffer.objectives) expect(text).toContain(objective.slice(0, 50));
    // …the nature of the action…
    expect(text).toContain('action de formation (article L6313-1, 1° du Code du travail)');
    // …its duration (the hours the signed half-days back)…
    expect(text).toContain('10,5 heures sur 14 heures prévues');
    expect(text).toContain('du 12/01/2027 au 13/01/2027');
    // …and the results of the assessment, each objective's, said to be the trainee's own.
    expect(text.match(/Acquis|En cours d’acquisition|Non acquis/g)).toEqual([
      'Acquis',
      'En cours d’acquisition',
      'Acquis',
      'Non acquis',
    ]);
    expect(text).toContain('auto-évaluation du ou de la stagiaire');
    expect(text).toContain(`version ${offer.version} du`);
    expect(text).toContain('Fait à');
    expect(text).toContain(`Document scellé électroniquement par ${DEVELOPMENT_SIGNER} le`);
  }, 180_000);

  it('reads “non évalué” for a trainee who did not answer by the deadline', async () => {
    const generate = generateDocumentActivity(pool);
    const stored: StoredDocument = await new MockActivityEnvironment().run(generate, {
      kind: 'endOfTrainingAttestation' as const,
      data: data(randomUUID(), 'Marc'),
    });
    const text = (await pdfText(await pdfOf(stored.documentId))).replace(/\s+/g, ' ');
    expect(text.match(/Non évalué/g)).toHaveLength(trainingOffer.objectives.length);
    expect(text).toContain('avant le 27/01/2027');
  }, 180_000);

  it('draws the signature and the stamp staff uploaded where the attestation is signed', async () => {
    const organisation = {
      ...SAMPLE_ORGANISATION,
      signature: { contentType: 'image/png', bytes: signaturePng(300, 100, 3) },
      stamp: { contentType: 'image/png', bytes: signaturePng(200, 200, 50) },
    };
    const bytes = await buildEndOfTrainingAttestation(
      data('p-images', 'Inès'),
      organisation,
      { ...trainingOffer, ...offer },
      null,
    );
    const stored = await storeDocument(
      pool,
      { missionId, sessionId, participantId: 'p-images', kind: 'endOfTrainingAttestation' },
      {
        kind: 'endOfTrainingAttestation',
        filename: 'attestation.docx',
        contentType: DOCX_CONTENT_TYPE,
        bytes,
      },
    );
    const file = await pdfOf(stored.documentId);
    const { stdout: images } = await run('pdfimages', ['-list', file]);
    expect(images.split('\n').filter((line) => /^\s+1\s+\d+\s+image\s/.test(line))).toHaveLength(2);
    expect((await run('pdfinfo', [file])).stdout).toMatch(/Pages:\s+1\n/);
  }, 180_000);
});
