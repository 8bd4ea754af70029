import { markLinkTokenUsed, releaseLinkToken } from '../../db/queries/session-staffing.ts';
import type { LinkClaims } from '../../links/link-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';

/**
 * Runs what a single-use link is for while holding its one use: the claim is taken first, in one
 * atomic insert, so two submits at once apply once; it is given back if the action is refused or
 * fails, so the person can try again with the same link.
 */
export async function useLinkOnce<T>(
  deps: ApiDependencies,
  claims: LinkClaims,
  act: () => Promise<T>,
): Promise<T> {
  if (!(await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose))) {
    throw new ProblemError(409, 'LINK_ALREADY_USED', 'This link has already been used.');
  }
  try {
    return await act();
  } catch (error) {
    await releaseLinkToken(deps.pool, claims.tokenId);
    throw error;
  }
}
