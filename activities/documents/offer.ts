import type { CommonQueryMethods } from 'slonik';
import { offerVersion, starterOffer } from '../../db/queries/catalogue.ts';
import type { OfferRef, SessionKind } from '../../workflows/messages/domain.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';

/**
 * Read when a document is built, never by a workflow, so no history holds an offer's texts: the
 * version the session was planned with, or, for a session that names no offer (planned before the
 * catalogue, or without one), the install's starter offer of its kind.
 */
export async function loadOffer(
  db: CommonQueryMethods,
  /** Undefined in document requests scheduled before the catalogue, which named no offer. */
  ref: OfferRef | null | undefined,
  kind: SessionKind,
): Promise<TrainingOffer> {
  if (!ref) return starterOffer(db, kind);
  const offer = await offerVersion(db, ref.offerId, ref.version);
  // Versions are never deleted (a trigger refuses it), so a missing one is a bug, not bad input.
  if (!offer) throw new Error(`catalogue offer ${ref.offerId} has no version ${ref.version}`);
  return offer;
}
