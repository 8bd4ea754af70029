/**
 * Which of the service's roles a provider's token grants, read from the claim the provider uses
 * (OIDC_ROLES_CLAIM) through OIDC_ROLE_MAP. The API decides with it, and the console, which signs
 * people in through the same provider, shows the screens of the role the API will see.
 */
import type { OidcSettings } from '../../config/environment.ts';
import { ROLES, type Role } from '../../workflows/messages/actor.ts';

export type RoleFromClaims = { role: Role } | { refusal: 'NO_MAPPED_ROLE'; detail: string };

export function roleFromClaims(
  payload: object,
  settings: Pick<OidcSettings, 'rolesClaim' | 'roleMap'>,
): RoleFromClaims {
  const granted = claimAt(payload, settings.rolesClaim);
  const names = typeof granted === 'string' ? [granted] : Array.isArray(granted) ? granted : undefined;
  if (!names)
    return {
      refusal: 'NO_MAPPED_ROLE',
      detail: `The token has no "${settings.rolesClaim}" claim: ask for a role in the identity provider.`,
    };
  // A person in several mapped groups acts with the widest of their roles.
  const role = ROLES.find((candidate) => settings.roleMap[candidate].some((name) => names.includes(name)));
  if (!role)
    return {
      refusal: 'NO_MAPPED_ROLE',
      detail: `None of the token's "${settings.rolesClaim}" is mapped to staff, coordinator or facilitator (OIDC_ROLE_MAP).`,
    };
  return { role };
}

/** `realm_access.roles` reads `payload.realm_access.roles`; a plain name reads that claim. */
export function claimAt(payload: object, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
