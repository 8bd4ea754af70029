import { createPool, type DatabasePool } from 'slonik';

export type { DatabasePool };

/**
 * The one slonik pool of a process. Timestamps come back as ISO strings and dates as
 * YYYY-MM-DD, the same shapes the workflows and the API carry, so nothing converts twice.
 */
export async function createDatabasePool(
  databaseUrl: string,
  options: { maximumPoolSize?: number } = {},
): Promise<DatabasePool> {
  return createPool(databaseUrl, {
    maximumPoolSize: options.maximumPoolSize ?? 10,
    typeParsers: [
      { name: 'timestamptz', parse: (value) => new Date(value).toISOString() },
      { name: 'timestamp', parse: (value) => new Date(`${value}Z`).toISOString() },
      { name: 'date', parse: (value) => value },
      { name: 'int8', parse: (value) => Number.parseInt(value, 10) },
      { name: 'numeric', parse: (value) => Number.parseFloat(value) },
    ],
  });
}
