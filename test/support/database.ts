import { inject } from 'vitest';
import { createDirectReads, type DirectReads } from '../../db/direct-reads.ts';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';

/** A pool on the run's fresh, migrated database (created by global-setup), or on another one. */
export function testPool(databaseUrl: string = inject('databaseUrl')): Promise<DatabasePool> {
  return createDatabasePool(databaseUrl, { maximumPoolSize: 4 });
}

/** The API's direct reads on the same database, as api/server.ts sets them up. */
export function testDirectReads(databaseUrl: string = inject('databaseUrl')): DirectReads {
  return createDirectReads(databaseUrl, 4);
}
