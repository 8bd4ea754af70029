import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

export interface IdempotencyClaim {
  resourceId: string;
  /** False when the key was already used: the first request's resource is returned. */
  fresh: boolean;
  sameRequest: boolean;
}

/**
 * Claims `key` for `resourceId`, or returns what the key was first used for. Keys belong to the
 * caller who sent them: another caller's identical key is another key, so no one can squat a key
 * someone else will send, nor learn from a 409 that it was used (issue #14, finding 7).
 */
export async function claimIdempotencyKey(
  db: CommonQueryMethods,
  command: string,
  caller: { role: string; subject: string },
  key: string,
  requestHash: string,
  resourceId: string,
): Promise<IdempotencyClaim> {
  // The caller joins the stored scope (the table's key is (scope, key)): keys claimed before this
  // change were shared, and are simply not found again.
  const scope = `${command} by ${caller.role}:${caller.subject}`;
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
