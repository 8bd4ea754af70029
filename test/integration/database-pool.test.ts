/**
 * What `resetSessions: false` gives up, against the real Postgres: a connection goes back to the
 * pool with whatever its session holds. The API may use it only because it sets nothing beyond a
 * transaction (set_config(…, true), pg_advisory_xact_lock); this is what it would leak otherwise.
 */
import { sql } from 'slonik';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';

describe('database pool session reset (real Postgres)', () => {
  let pool: DatabasePool | undefined;
  afterEach(async () => {
    await pool?.end();
    pool = undefined;
  });

  /** Sets a session-level setting on the pool's only connection, then reads it from the next query. */
  async function settingSeenByNextQuery(resetSessions?: boolean): Promise<string> {
    pool = await createDatabasePool(inject('databaseUrl'), {
      maximumPoolSize: 1,
      ...(resetSessions === undefined ? {} : { resetSessions }),
    });
    await pool.query(sql.unsafe`select set_config('application_name', 'left-behind', false)`);
    return pool.oneFirst(
      sql.type(z.object({ name: z.string() }))`select current_setting('application_name') as name`,
    );
  }

  it('discards what a query left in its session by default (DISCARD ALL)', async () => {
    expect(await settingSeenByNextQuery()).not.toBe('left-behind');
  });

  it('keeps it with resetSessions: false, saving a round trip per query', async () => {
    expect(await settingSeenByNextQuery(false)).toBe('left-behind');
  });
});
