/**
 * A real Temporal cluster on Postgres, as production runs it: the server's own schemas (loaded by
 * its SQL tool), several server processes that find each other through the cluster_membership
 * table and share 16 history shards, and the Web UI server. Used by scripts/cluster.sh, by the
 * test suite (TEMPORAL_TARGET=cluster) and by the fault drill (--cluster), which kills a node.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import type { ClusterBinaries } from './temporal-cluster-binaries.ts';
import { ensureNamespace, registerMissionSearchAttributes } from './temporal-namespace.ts';

const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
/** The file docker-compose.yml mounts: the cluster proves the configuration production runs with. */
const DYNAMIC_CONFIG = path.join(PROJECT_ROOT, 'deploy/temporal/dynamicconfig.yaml');
/** With 4 shards, all of them can land on one node; 16 spread over two nodes. */
const HISTORY_SHARDS = 16;
/**
 * Frontend, history, matching and worker each take a gRPC and a membership port, the frontend an
 * HTTP one: nine per node, spaced by ten so node n's frontend is base + 10 (n - 1).
 */
const PORT_SPACING = 10;
/** cluster_membership.rpc_port is a SMALLINT: membership ports must stay below 32768. */
const HIGHEST_PORT = 32_767;

export interface NodePorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface ClusterLayout {
  /** Configuration files, logs and pid files. */
  dir: string;
  postgres: { host: string; port: number; user: string; password: string };
  databases: { main: string; visibility: string };
  nodes: NodePorts[];
  uiPort?: number;
  namespace: string;
}

export interface LayoutOptions {
  dir: string;
  /** A Postgres role allowed to create databases (the maintenance URL of startPostgres). */
  postgresUrl: string;
  /** Node n's ports are basePort + 10 (n - 1) + 0…8; found free when omitted. */
  basePort?: number;
  nodes?: number;
  uiPort?: number;
  databasePrefix?: string;
  namespace?: string;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A block of free ports below the SMALLINT limit (the OS hands out ephemeral ports above it). */
async function freeBlock(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * (HIGHEST_PORT - 20_000 - size));
    const ports = Array.from({ length: size }, (_, offset) => base + offset);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no block of ${size} free ports below ${HIGHEST_PORT}`);
}

export async function clusterLayout(options: LayoutOptions): Promise<ClusterLayout> {
  const count = options.nodes ?? 2;
  const base = options.basePort ?? (await freeBlock(PORT_SPACING * count));
  if (base + PORT_SPACING * count > HIGHEST_PORT)
    throw new Error(`ports from ${base} exceed ${HIGHEST_PORT}`);
  const url = new URL(options.postgresUrl);
  const prefix = options.databasePrefix ?? 'temporal';
  return {
    dir: options.dir,
    postgres: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    },
    databases: { main: prefix, visibility: `${prefix}_visibility` },
    nodes: Array.from({ length: count }, (_, index) => {
      const at = (offset: number) => base + PORT_SPACING * index + offset;
      return {
        frontend: at(0),
        frontendHttp: at(1),
        frontendMembership: at(2),
        history: at(3),
        historyMembership: at(4),
        matching: at(5),
        matchingMembership: at(6),
        worker: at(7),
        workerMembership: at(8),
      };
    }),
    uiPort: options.uiPort,
    namespace: options.namespace ?? 'default',
  };
}

export const nodeAddress = (layout: ClusterLayout, node: number) =>
  `127.0.0.1:${layout.nodes[node - 1]?.frontend}`;

const configDir = (layout: ClusterLayout) => path.join(layout.dir, 'config');
export const nodeLog = (layout: ClusterLayout, node: number) => path.join(layout.dir, `node-${node}.log`);

/** The server's YAML configuration; JSON is YAML, so it is written as JSON. */
function nodeConfig(layout: ClusterLayout, node: number): object {
  const ports = layout.nodes[node - 1];
  if (!ports) throw new Error(`no node ${node}`);
  const { host, port, user, password } = layout.postgres;
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${host}:${port}`,
      connectProtocol: 'tcp',
      user,
      password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (grpcPort: number, membershipPort: number, extra: object = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: HISTORY_SHARDS,
      // Each of a node's four services opens its own pools: two nodes × 4 × (6 + 2) stay well
      // under Postgres's default 100 connections, beside the application's own pools.
      datastores: {
        default: store(layout.databases.main, 6),
        visibility: store(layout.databases.visibility, 2),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(ports.frontend, ports.frontendMembership, { httpPort: ports.frontendHttp }),
      history: rpc(ports.history, ports.historyMembership),
      matching: rpc(ports.matching, ports.matchingMembership),
      worker: rpc(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: nodeAddress(layout, 1),
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: DYNAMIC_CONFIG, pollInterval: '10s' },
  };
}

function uiConfig(layout: ClusterLayout): object {
  return {
    temporalGrpcAddress: nodeAddress(layout, 1),
    host: '127.0.0.1',
    port: layout.uiPort,
    enableUi: true,
    defaultNamespace: layout.namespace,
    // As docker-compose.yml: commands go through the API, which checks who acts.
    disableWriteActions: true,
    notifyOnNewVersion: false,
    refreshInterval: '1m',
  };
}

export async function writeClusterConfig(layout: ClusterLayout): Promise<void> {
  await mkdir(configDir(layout), { recursive: true });
  for (let node = 1; node <= layout.nodes.length; node += 1) {
    await writeFile(
      path.join(configDir(layout), `node-${node}.yaml`),
      JSON.stringify(nodeConfig(layout, node), null, 2),
    );
  }
  if (layout.uiPort)
    await writeFile(path.join(configDir(layout), 'ui.yaml'), JSON.stringify(uiConfig(layout)));
}

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
export async function setupSchemas(binaries: ClusterBinaries, layout: ClusterLayout): Promise<void> {
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

export async function dropDatabases(layout: ClusterLayout): Promise<void> {
  await withPostgres(layout, 'postgres', async (client) => {
    for (const database of [layout.databases.main, layout.databases.visibility])
      await client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
  });
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

export function spawnUi(binaries: ClusterBinaries, layout: ClusterLayout, detached = false): ChildProcess {
  return spawnLogged(
    binaries.uiServer,
    ['--root', '/', '--config', configDir(layout), '--env', 'ui', 'start'],
    path.join(layout.dir, 'ui.log'),
    detached,
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

export async function prepareNamespace(layout: ClusterLayout): Promise<void> {
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

/** Removes the configuration and logs (the databases are the caller's: dropDatabases). */
export async function removeClusterFiles(layout: ClusterLayout): Promise<void> {
  await rm(layout.dir, { recursive: true, force: true });
}
