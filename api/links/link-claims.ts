import { isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { type LinkClaims, type LinkPurpose, verifyLink } from '../../links/link-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';

/** The claims of a signed, unexpired link for `purpose` that has not been used yet. */
export async function claimsOfLink(
  deps: ApiDependencies,
  token: string,
  purpose: LinkPurpose,
): Promise<LinkClaims> {
  const check = await verifyLink(deps.linkSecrets, token, purpose, deps.now?.());
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new ProblemError(410, 'LINK_EXPIRED', 'This link has expired.')
      : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
  }
  if (await isLinkTokenUsed(deps.pool, check.claims.tokenId)) {
    throw new ProblemError(409, 'LINK_ALREADY_USED', 'This link has already been used.');
  }
  return check.claims;
}
