/**
 * The bearer tokens this process has already accepted, so that a caller's next requests skip the
 * signature check, which was a fifth of the API's CPU on a read (bench/README.md, read path).
 * Keeping an acceptance is safe because:
 * - the key is the whole token, signature included: only the very bytes that were verified hit;
 * - a token's verdict changes only with time, and from accepted to refused only at its `exp` or
 *   its maximum age, which bound each entry (a future `iat` or `nbf` turns from refused to
 *   accepted, and refusals are never kept);
 * - what verified it cannot change while the process runs (the HS256 secret is read at start).
 * Entries also last at most `ttlMs`, and the oldest goes first past `maxEntries`: only accepted
 * tokens get in, so filling it takes valid tokens, and memory stays bounded anyway.
 */
export interface VerifiedTokens<T> {
  get(token: string, now?: number): T | undefined;
  /** Keeps an accepted token until `validUntilMs`, the instant it would be refused. */
  remember(token: string, value: T, validUntilMs: number, now?: number): void;
}

export function verifiedTokens<T>({ ttlMs = 60_000, maxEntries = 10_000 } = {}): VerifiedTokens<T> {
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(token, now = Date.now()) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.until > now) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token, value, validUntilMs, now = Date.now()) {
      const until = Math.min(validUntilMs, now + ttlMs);
      if (until <= now) return;
      entries.delete(token);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(token, { value, until });
    },
  };
}
