/**
 * The API's two busiest reads (one mission, a page of missions) through pg itself: slonik's
 * per-query work (its pool's bookkeeping, a logger and an id per query) was 40–50 µs of the
 * ~160 µs a mission read costs the API (bench/README.md). The queries stay slonik's typed `sql`
 * tokens and the values come back through the same parsers, so a query gives the same rows
 * either way; everything else, writes and transactions, goes through slonik.
 */
import pg from 'pg';
import type { CommonQueryMethods, QuerySqlToken } from 'slonik';
import { TYPE_PARSERS } from './pool.ts';

/** The slonik methods the hot reads use, which either the slonik pool or this one answers. */
export type RowReader = Pick<CommonQueryMethods, 'any' | 'maybeOne'>;

export interface DirectReads extends RowReader {
  end(): Promise<void>;
}

const parsers = new Map(TYPE_PARSERS.map(({ oid, parse }) => [oid, parse]));
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers.get(oid) ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** slonik's default, which its pool applies to every query. */
const STATEMENT_TIMEOUT_MS = 60_000;

export function createDirectReads(databaseUrl: string, maximumPoolSize = 10): DirectReads {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maximumPoolSize,
    types,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An idle connection the server closed must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const rows = async (token: QuerySqlToken) => {
    const result = await pool.query({
      text: token.sql.replaceAll('$slonik_', '$'),
      values: [...token.values],
    });
    return result.rows;
  };
  const maybeOne = async (token: QuerySqlToken) => {
    const found = await rows(token);
    if (found.length > 1) throw new Error(`expected at most one row, got ${found.length}: ${token.sql}`);
    return found[0] ?? null;
  };
  return {
    any: rows as CommonQueryMethods['any'],
    maybeOne: maybeOne as CommonQueryMethods['maybeOne'],
    end: () => pool.end(),
  };
}
