/**
 * Which catalogue version a session delivers. The API resolves it, so the workflows hold only
 * the reference (an offer's texts stay in Postgres) and an offer's newest version is read once,
 * when the session is planned or given another offer.
 */

import type { DatabasePool } from '../../db/pool.ts';
import { latestOfferVersion, offerRetired } from '../../db/queries/catalogue.ts';
import type { OfferRef, SessionKind } from '../../workflows/messages/domain.ts';
import type { OrderLine } from '../../workflows/messages/mission.ts';
import { ProblemError } from '../problems.ts';

const refused = (code: string, path: string, message: string) =>
  new ProblemError(422, code, message, { errors: [{ path, message }], violations: [{ code, message }] });

/**
 * The newest version of an offer named in a request body, refused beside the field when there
 * is no such offer, it is retired (not to be planned any more), or it is of another kind.
 */
export async function resolveOffer(
  pool: DatabasePool,
  offerId: string,
  kind: SessionKind,
  path: string,
): Promise<OfferRef> {
  const [offer, retired] = await Promise.all([
    latestOfferVersion(pool, offerId),
    offerRetired(pool, offerId),
  ]);
  if (!offer) throw refused('OFFER_NOT_FOUND', path, `No catalogue offer with id ${offerId}.`);
  if (retired) throw refused('OFFER_RETIRED', path, `The offer "${offer.title}" is retired: choose another.`);
  if (offer.kind !== kind)
    throw refused(
      'OFFER_KIND_MISMATCH',
      path,
      `The offer "${offer.title}" is for ${offer.kind}s, not ${kind}s: choose an offer of the session's kind.`,
    );
  return { offerId: offer.offerId, version: offer.version };
}

/**
 * A new session's offer: the one the coordinator chose, else the order line's (even retired
 * since: the client bought it), else none, and documents describe it by the starter offer.
 */
export async function plannedOffer(
  pool: DatabasePool,
  kind: SessionKind,
  chosen: string | undefined,
  orderLines: readonly OrderLine[],
): Promise<OfferRef | undefined> {
  if (chosen) return resolveOffer(pool, chosen, kind, 'body/offerId');
  const lineOffer = orderLines.find((line) => line.kind === kind)?.offerId;
  if (!lineOffer) return undefined;
  const offer = await latestOfferVersion(pool, lineOffer);
  return offer ? { offerId: offer.offerId, version: offer.version } : undefined;
}

/**
 * Every order line's offer exists and is of the line's kind; refused beside the line otherwise.
 * A line keeping the offer it already had is not checked again: retiring an offer since does not
 * stop staff amending the quantities of an order that was sold with it.
 */
export async function checkOrderLineOffers(
  pool: DatabasePool,
  orderLines: readonly OrderLine[],
  current: readonly OrderLine[] = [],
): Promise<void> {
  for (const [index, line] of orderLines.entries()) {
    const kept = current.some((each) => each.kind === line.kind && each.offerId === line.offerId);
    if (line.offerId && !kept)
      await resolveOffer(pool, line.offerId, line.kind, `body/orderLines/${index}/offerId`);
  }
}
