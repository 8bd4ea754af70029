import { inject } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';

/** A pool on the run's fresh, migrated database (created by global-setup), or on another one. */
export function testPool(databaseUrl: string = inject('databaseUrl')): Promise<DatabasePool> {
  return createDatabasePool(databaseUrl, { maximumPoolSize: 4 });
}
