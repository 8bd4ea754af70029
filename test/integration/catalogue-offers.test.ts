/**
 * The catalogue's versions in Postgres (issue #15 item 2): what a document builder loads for a
 * session, the starter offers sessions without one fall back to, and versions never changed.
 */

import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOffer } from '../../activities/documents/offer.ts';
import { findDocument, storeDocument } from '../../activities/documents/store.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { changeOffer, createOffer, listOffers, offerRecord } from '../../db/queries/catalogue.ts';
import type { OfferRef } from '../../workflows/messages/domain.ts';
import { type OfferContent, offerErrors, type TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { testPool } from '../support/database.ts';
import { trainingOffer, workshopOffer } from '../support/offers.ts';

const contentOf = ({
  offerId: _id,
  version: _v,
  versionDate: _d,
  placeholder: _p,
  ...content
}: TrainingOffer) => content satisfies OfferContent;

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

describe('catalogue offers (Postgres)', () => {
  let pool: DatabasePool;
  beforeAll(async () => {
    pool = await testPool();
  });
  afterAll(() => pool.end());

  it('gives a session without an offer the starter offer of its kind, marked as a placeholder', async () => {
    const training = await loadOffer(pool, null, 'training');
    const workshop = await loadOffer(pool, null, 'workshop');
    expect(training).toMatchObject({ kind: 'training', trainingAction: true, placeholder: true, version: 1 });
    expect(workshop).toMatchObject({
      kind: 'workshop',
      trainingAction: false,
      placeholder: true,
      version: 1,
    });
    expect(training.offerId).not.toBe(workshop.offerId);
    // Staff may save a starter back as it is to make it theirs: it passes the checks a change does.
    expect(offerErrors(training)).toEqual([]);
    expect(offerErrors(workshop)).toEqual([]);
  });

  it('loads the version a session was planned with after the offer changed', async () => {
    const first = await createOffer(pool, contentOf(trainingOffer), 'staff-1');
    expect(first).toMatchObject({ version: 1, placeholder: false, versionDate: parisToday() });
    expect(first.objectives).toEqual(trainingOffer.objectives);

    const changed = await changeOffer(
      pool,
      first.offerId,
      { ...contentOf(trainingOffer), priceCents: 200_000 },
      'staff-2',
    );
    expect(changed).toMatchObject({ outcome: 'changed', offer: { version: 2, priceCents: 200_000 } });
    const again = await changeOffer(
      pool,
      first.offerId,
      { ...contentOf(trainingOffer), priceCents: 200_000 },
      'staff-2',
    );
    expect(again).toMatchObject({ outcome: 'unchanged', offer: { version: 2 } });

    expect(await loadOffer(pool, { offerId: first.offerId, version: 1 }, 'training')).toMatchObject({
      priceCents: 180_000,
    });
    expect((await offerRecord(pool, first.offerId))?.versions.map((each) => each.version)).toEqual([2, 1]);
    expect(await changeOffer(pool, first.offerId, contentOf(workshopOffer), 'staff-2')).toEqual({
      outcome: 'kindChanged',
      kind: 'training',
    });
    const listed = (await listOffers(pool, { includeRetired: false })).find(
      (each) => each.offerId === first.offerId,
    );
    expect(listed).toMatchObject({ version: 2, title: trainingOffer.title, priceCents: 200_000 });
  });

  it('refuses to change or delete a version in place', async () => {
    const offer = await createOffer(pool, contentOf(workshopOffer), 'staff-1');
    await expect(
      pool.query(
        sql.unsafe`update catalogue_offer_versions set content = '{}' where offer_id = ${offer.offerId}`,
      ),
    ).rejects.toThrow(/never changed/);
    await expect(
      pool.query(sql.unsafe`delete from catalogue_offer_versions where offer_id = ${offer.offerId}`),
    ).rejects.toThrow(/never changed/);
  });

  it('refuses a version it does not have, which no session can name', async () => {
    const offer = await createOffer(pool, contentOf(workshopOffer), 'staff-1');
    await expect(loadOffer(pool, { offerId: offer.offerId, version: 9 }, 'workshop')).rejects.toThrow(
      /no version 9/,
    );
  });

  it('records on a document the catalogue version it was built from, and only a version that exists', async () => {
    const offer = await createOffer(pool, contentOf(trainingOffer), 'staff-1');
    const key = () => ({
      missionId: randomUUID(),
      sessionId: randomUUID(),
      participantId: null,
      kind: 'programme' as const,
    });
    const built = (catalogueOffer?: OfferRef) => ({
      kind: 'programme' as const,
      filename: 'programme.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: Buffer.from(randomUUID()),
      ...(catalogueOffer ? { catalogueOffer } : {}),
    });
    const ref = { offerId: offer.offerId, version: 1 };
    const stored = await storeDocument(pool, key(), built(ref));
    expect((await findDocument(pool, stored.documentId))?.catalogueOffer).toEqual(ref);
    const upload = await storeDocument(pool, key(), built());
    expect((await findDocument(pool, upload.documentId))?.catalogueOffer).toBeNull();
    await expect(storeDocument(pool, key(), built({ offerId: offer.offerId, version: 5 }))).rejects.toThrow(
      /foreign key/,
    );
  });
});
