/**
 * Where a Temporal cluster's processes listen and what they are told: ports below the SMALLINT
 * limit of cluster_membership, and the server's and Web UI server's configuration files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

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

export const configDir = (layout: ClusterLayout) => path.join(layout.dir, 'config');
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
