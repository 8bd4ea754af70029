import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

export interface IdempotencyClaim {
  resourceId: string;
  /** False when the key was already used: the first request's resource is returned. */
  fresh: boolean;
  sameRequest: boolean;
}

/** Claims `key` for `resourceId`, or returns what the key was first used for. */
export async function claimIdempotencyKey(
  db: CommonQueryMethods,
  scope: string,
  key: string,
  requestHash: string,
  resourceId: string,
): Promise<IdempotencyClaim> {
  const inserted = await db.maybeOneFirst(sql.type(z.object({ resourceId: z.string() }))`
    insert into idempotency_keys (scope, key, request_hash, resource_id)
    values (${scope}, ${key}, ${requestHash}, ${resourceId})
    on conflict (scope, key) do nothing
    returning resource_id::text as "resourceId"`);
  if (inserted) return { resourceId: inserted, fresh: true, sameRequest: true };
  const existing = await db.one(sql.type(z.object({ resourceId: z.string(), requestHash: z.string() }))`
    select resource_id::text as "resourceId", request_hash as "requestHash"
    from idempotency_keys where scope = ${scope} and key = ${key}`);
  return { resourceId: existing.resourceId, fresh: false, sameRequest: existing.requestHash === requestHash };
}
