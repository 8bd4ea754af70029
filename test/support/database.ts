import { inject } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';

/** A pool on the run's fresh, migrated database (created by global-setup). */
export function testPool(): Promise<DatabasePool> {
  return createDatabasePool(inject('databaseUrl'), { maximumPoolSize: 4 });
}
