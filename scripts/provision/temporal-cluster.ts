/**
 * A real Temporal cluster on Postgres, as production runs it: the server's own schemas (loaded by
 * its SQL tool), several server processes that find each other through the cluster_membership
 * table and share 16 history shards, and the Web UI server. Used by scripts/cluster.sh, by the
 * test suite and the fault drill (TEMPORAL_TARGET=cluster), which kills a node.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import type { ClusterBinaries } from './temporal-cluster-binaries.ts';
import {
  type ClusterLayout,
  configDir,
  nodeAddress,
  nodeLog,
  writeClusterConfig,
} from './temporal-cluster-layout.ts';
import { ensureNamespace, registerMissionSearchAttributes } from './temporal-namespace.ts';

function runQuiet(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(command)} ${args.join(' ')}: ${output}`)),
    );
  });
}

async function withPostgres<T>(
  layout: ClusterLayout,
  database: string,
  work: (client: pg.Client) => Promise<T>,
) {
  const { host, port, user, password } = layout.postgres;
  const client = new pg.Client({ host, port, user, password, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates Temporal's two databases and loads or upgrades their schemas with the server's SQL tool,
 * which embeds them (`setup-schema -v 0.0`, then `update-schema` to the binary's version).
 */
async function setupSchemas(binaries: ClusterBinaries, layout: ClusterLayout): Promise<void> {
  const { host, port, user, password } = layout.postgres;
  const schemas: [string, string][] = [
    [layout.databases.main, 'postgresql/v12/temporal'],
    [layout.databases.visibility, 'postgresql/v12/visibility'],
  ];
  for (const [database, schemaName] of schemas) {
    const sqlTool = (...args: string[]) =>
      runQuiet(binaries.sqlTool, [
        '--plugin',
        'postgres12',
        '--ep',
        host,
        '--port',
        String(port),
        '--user',
        user,
        '--password',
        password,
        '--db',
        database,
        ...args,
      ]);
    const exists = await withPostgres(layout, 'postgres', async (client) =>
      Boolean((await client.query('select 1 from pg_database where datname = $1', [database])).rowCount),
    );
    if (!exists) await sqlTool('create-database');
    // Both steps are idempotent: setup-schema skips a database already past 0.0.
    await sqlTool('setup-schema', '-v', '0.0');
    await sqlTool('update-schema', '--schema-name', schemaName);
  }
}

function spawnLogged(command: string, args: string[], log: string, detached: boolean): ChildProcess {
  const out = openSync(log, 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out], detached });
  if (detached) child.unref();
  return child;
}

export function spawnNode(
  binaries: ClusterBinaries,
  layout: ClusterLayout,
  node: number,
  detached = false,
): ChildProcess {
  return spawnLogged(
    binaries.server,
    ['--root', '/', '--config', configDir(layout), '--env', `node-${node}`, '--allow-no-auth', 'start'],
    nodeLog(layout, node),
    detached,
  );
}

function spawnUi(binaries: ClusterBinaries, layout: ClusterLayout): ChildProcess {
  return spawnLogged(
    binaries.uiServer,
    ['--root', '/', '--config', configDir(layout), '--env', 'ui', 'start'],
    path.join(layout.dir, 'ui.log'),
    false,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The history hosts whose membership heartbeat is current, by membership port. */
async function liveHistoryHosts(layout: ClusterLayout): Promise<number[]> {
  return withPostgres(layout, layout.databases.main, async (client) => {
    const result = await client.query<{ port: number }>(
      // Role 2 is history; a killed host's row lingers until its record expires.
      `select distinct rpc_port as port from cluster_membership
       where role = 2 and record_expiry > now() at time zone 'utc' and last_heartbeat > (now() at time zone 'utc') - interval '20 seconds'`,
    );
    return result.rows.map((row) => Number(row.port));
  });
}

/**
 * How many history shards each node owns, from the shards table: a shard's record names its
 * owner (the history service's host:port) in its encoded data.
 */
export async function shardsByNode(layout: ClusterLayout): Promise<number[]> {
  return withPostgres(layout, layout.databases.main, async (client) => {
    const owners = layout.nodes.map((ports) => `127.0.0.1:${ports.history}`);
    const result = await client.query<{ count: number }>(
      `select (select count(*)::int from shards where position(convert_to(o.owner, 'UTF8') in data) > 0) as count
       from unnest($1::text[]) with ordinality as o(owner, n) order by o.n`,
      [owners],
    );
    return result.rows.map((row) => row.count);
  });
}

/** Waits until each given node's frontend answers and its history service has joined the ring. */
export async function waitForNodes(
  layout: ClusterLayout,
  nodes: number[],
  exited: () => string | undefined = () => undefined,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of nodes) {
    for (;;) {
      const failure = exited();
      if (failure) throw new Error(failure);
      const ready = await (async () => {
        const connection = await Connection.connect({
          address: nodeAddress(layout, node),
          connectTimeout: 1000,
        });
        try {
          await connection.workflowService.getSystemInfo({});
        } finally {
          await connection.close();
        }
        const port = layout.nodes[node - 1]?.historyMembership ?? 0;
        return (await liveHistoryHosts(layout)).includes(port);
      })().catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`Temporal node ${node} not ready in ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }
}

async function prepareNamespace(layout: ClusterLayout): Promise<void> {
  const connection = await Connection.connect({ address: nodeAddress(layout, 1) });
  try {
    await ensureNamespace(connection, layout.namespace);
    await registerMissionSearchAttributes(connection, layout.namespace);
  } finally {
    await connection.close();
  }
}

export interface RunningCluster {
  /** Node 1's frontend: what clients use (killNode spares it unless asked). */
  address: string;
  uiUrl?: string;
  layout: ClusterLayout;
  killNode(node: number): void;
  startNode(node: number): Promise<void>;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killed);
}

/**
 * Starts the cluster as children of this process (stopped with it): schemas, configuration,
 * every node, the namespace with the mission search attributes, and the UI when it has a port.
 */
export async function startTemporalCluster(
  binaries: ClusterBinaries,
  layout: ClusterLayout,
  /** Told each process it starts ('node-1', 'ui'), for pid files. */
  onSpawn: (name: string, pid: number) => void = () => {},
): Promise<RunningCluster> {
  await mkdir(layout.dir, { recursive: true });
  await setupSchemas(binaries, layout);
  await writeClusterConfig(layout);
  const nodes = new Map<number, ChildProcess>();
  const start = (node: number) => {
    const child = spawnNode(binaries, layout, node);
    nodes.set(node, child);
    if (child.pid) onSpawn(`node-${node}`, child.pid);
  };
  const all = layout.nodes.map((_, index) => index + 1);
  const [first = 1, ...others] = all;
  start(first);
  const ui = layout.uiPort ? spawnUi(binaries, layout) : undefined;
  if (ui?.pid) onSpawn('ui', ui.pid);
  const stop = async () => {
    await Promise.all([...nodes.values(), ...(ui ? [ui] : [])].map(stopChild));
  };
  const exited = (which: number[]) => () => {
    const dead = which.find((node) => nodes.get(node)?.exitCode != null);
    return dead ? `Temporal node ${dead} exited; see ${nodeLog(layout, dead)}` : undefined;
  };
  try {
    // On a fresh database, nodes started together race to write the cluster's metadata and the
    // loser exits (duplicate key in cluster_metadata_info): the first node writes it alone.
    await waitForNodes(layout, [first], exited([first]));
    for (const node of others) start(node);
    await waitForNodes(layout, others, exited(others));
    await prepareNamespace(layout);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: nodeAddress(layout, 1),
    uiUrl: layout.uiPort ? `http://127.0.0.1:${layout.uiPort}` : undefined,
    layout,
    killNode(node) {
      nodes.get(node)?.kill('SIGKILL');
    },
    async startNode(node) {
      start(node);
      await waitForNodes(layout, [node], exited([node]));
    },
    stop,
  };
}
