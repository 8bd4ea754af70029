import { createPool, type DatabasePool } from 'slonik';
import { naiveTimestampToIso, timestampToIso } from './timestamps.ts';

export type { DatabasePool };

/** How each process reads Postgres's text values, through slonik or pg (db/direct-reads.ts). */
export const TYPE_PARSERS: readonly { name: string; oid: number; parse: (value: string) => unknown }[] = [
  { name: 'timestamptz', oid: 1184, parse: timestampToIso },
  { name: 'timestamp', oid: 1114, parse: naiveTimestampToIso },
  { name: 'date', oid: 1082, parse: (value) => value },
  { name: 'int8', oid: 20, parse: (value) => Number.parseInt(value, 10) },
  { name: 'numeric', oid: 1700, parse: (value) => Number.parseFloat(value) },
];

/**
 * The one slonik pool of a process. Timestamps come back as ISO strings and dates as
 * YYYY-MM-DD, the same shapes the workflows and the API carry, so nothing converts twice.
 */
export async function createDatabasePool(
  databaseUrl: string,
  options: {
    maximumPoolSize?: number;
    /**
     * False for a process that leaves no state in a session (no temporary table, no session-level
     * SET or advisory lock, no LISTEN): the API. slonik's default sends DISCARD ALL each time a
     * connection goes back to the pool, a second round trip for every one-query request (a tenth
     * of the API's CPU on a read, bench/README.md). The worker keeps it: the read-model rebuild
     * creates temporary tables on its connections.
     */
    resetSessions?: boolean;
  } = {},
): Promise<DatabasePool> {
  return createPool(databaseUrl, {
    maximumPoolSize: options.maximumPoolSize ?? 10,
    ...(options.resetSessions === false ? { resetConnection: async () => {} } : {}),
    typeParsers: TYPE_PARSERS.map(({ name, parse }) => ({ name, parse })),
  });
}
