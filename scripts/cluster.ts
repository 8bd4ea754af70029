/**
 * A two-node Temporal cluster on Postgres with its Web UI, for trying the production path by
 * hand (see docs/operations.md). State lives in .data/cluster/: Postgres data, configuration,
 * logs and one pid file per process.
 *
 *   up           starts Postgres, both nodes and the UI; stays in the foreground (Ctrl-C stops all)
 *   down         stops what `up` and `start` started, from another shell
 *   kill <n>     SIGKILLs node n (its shards move to the other node)
 *   start <n>    starts node n again, in the background, and waits until it has joined
 *   reset        deletes .data/cluster/ (refused while anything in it runs)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../config/environment.ts';
import { busyPorts } from './provision/ports.ts';
import { startPostgres } from './provision/postgres.ts';
import { shardsByNode, spawnNode, startTemporalCluster, waitForNodes } from './provision/temporal-cluster.ts';
import { provisionClusterBinaries } from './provision/temporal-cluster-binaries.ts';
import {
  type ClusterLayout,
  clusterLayout,
  nodeAddress,
  nodeLog,
} from './provision/temporal-cluster-layout.ts';

const ROOT = path.join(dataDir(), 'cluster');
const LAYOUT_FILE = path.join(ROOT, 'layout.json');
const BASE_PORT = Number(process.env.TEMPORAL_CLUSTER_PORT ?? 27233);
const UI_PORT = Number(process.env.TEMPORAL_CLUSTER_UI_PORT ?? 28233);
const POSTGRES_PORT = Number(process.env.TEMPORAL_CLUSTER_POSTGRES_PORT ?? 54331);

const pidFile = (name: string) => path.join(ROOT, `${name}.pid`);
const say = (line: string) => process.stderr.write(`[cluster] ${line}\n`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid(name: string): number | undefined {
  if (!existsSync(pidFile(name))) return undefined;
  const pid = Number(readFileSync(pidFile(name), 'utf8'));
  return pid > 0 && alive(pid) ? pid : undefined;
}

async function processNames(): Promise<string[]> {
  const layout = existsSync(LAYOUT_FILE)
    ? (JSON.parse(await readFile(LAYOUT_FILE, 'utf8')) as ClusterLayout)
    : undefined;
  return ['up', 'ui', ...(layout?.nodes ?? []).map((_, index) => `node-${index + 1}`)];
}

async function savedLayout(): Promise<ClusterLayout> {
  if (!existsSync(LAYOUT_FILE))
    throw new Error('no cluster in .data/cluster: run `./scripts/cluster.sh up` first');
  return JSON.parse(await readFile(LAYOUT_FILE, 'utf8')) as ClusterLayout;
}

function nodeNumber(argument: string | undefined, layout: ClusterLayout): number {
  const node = Number(argument);
  if (!Number.isInteger(node) || node < 1 || node > layout.nodes.length)
    throw new Error(`name a node from 1 to ${layout.nodes.length}`);
  return node;
}

async function up(): Promise<void> {
  if (runningPid('up')) throw new Error('the cluster is already up (`./scripts/cluster.sh down` stops it)');
  const started = Date.now();
  const binaries = await provisionClusterBinaries();
  await mkdir(ROOT, { recursive: true });
  const planned = await clusterLayout({
    dir: ROOT,
    postgresUrl: `postgres://postgres:postgres@127.0.0.1:${POSTGRES_PORT}/postgres`,
    basePort: BASE_PORT,
    uiPort: UI_PORT,
  });
  const busy = await busyPorts({
    Postgres: POSTGRES_PORT,
    'Web UI': UI_PORT,
    ...Object.fromEntries(
      planned.nodes.flatMap((ports, index) =>
        Object.entries(ports).map(([name, port]) => [`node ${index + 1} ${name}`, port]),
      ),
    ),
  });
  if (busy.length > 0)
    throw new Error(
      `ports in use: ${busy.map(([name, port]) => `${name} ${port}`).join(', ')}; choose others with TEMPORAL_CLUSTER_PORT, TEMPORAL_CLUSTER_UI_PORT, TEMPORAL_CLUSTER_POSTGRES_PORT`,
    );
  const postgres = await startPostgres({ dataDir: path.join(ROOT, 'postgres'), port: POSTGRES_PORT });
  const layout = await clusterLayout({
    dir: ROOT,
    postgresUrl: postgres.serverUrl,
    basePort: BASE_PORT,
    uiPort: UI_PORT,
  });
  await writeFile(LAYOUT_FILE, JSON.stringify(layout, null, 2));
  await writeFile(pidFile('up'), String(process.pid));
  const cluster = await startTemporalCluster(binaries, layout, (name, pid) =>
    writeFileSync(pidFile(name), String(pid)),
  ).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await cluster.stop();
    // Nodes started again with `start <n>` are not our children.
    for (const name of await processNames()) {
      const pid = name === 'up' ? undefined : runningPid(name);
      if (pid) process.kill(pid, 'SIGTERM');
    }
    await postgres.stop();
    await unlink(pidFile('up')).catch(() => {});
    say('stopped; data kept in .data/cluster (`./scripts/cluster.sh reset` deletes it)');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`
Temporal cluster (${layout.nodes.length} server nodes on Postgres) up in ${((Date.now() - started) / 1000).toFixed(1)} s

${layout.nodes.map((_, index) => `  node ${index + 1}   ${nodeAddress(layout, index + 1)}   log ${nodeLog(layout, index + 1)}`).join('\n')}
  Web UI   ${cluster.uiUrl}
  Postgres ${postgres.serverUrl}

  Clients: TEMPORAL_ADDRESS=${cluster.address}
  Kill a node: ./scripts/cluster.sh kill 2     bring it back: ./scripts/cluster.sh start 2

Ctrl-C (or ./scripts/cluster.sh down) stops everything; data stays in .data/cluster.
`);
}

async function down(): Promise<void> {
  let signalled = 0;
  for (const name of await processNames()) {
    const pid = runningPid(name);
    if (!pid) continue;
    process.kill(pid, 'SIGTERM');
    signalled += 1;
  }
  say(signalled ? `asked ${signalled} process(es) to stop` : 'nothing running');
}

async function kill(argument: string | undefined): Promise<void> {
  const layout = await savedLayout();
  const node = nodeNumber(argument, layout);
  const pid = runningPid(`node-${node}`);
  if (!pid) throw new Error(`node ${node} is not running`);
  const owned = (await shardsByNode(layout))[node - 1];
  const killed = Date.now();
  process.kill(pid, 'SIGKILL');
  say(`node ${node} (pid ${pid}) killed; it owned ${owned} history shards`);
  while (Date.now() - killed < 60_000) {
    if ((await shardsByNode(layout))[node - 1] === 0) {
      say(`its shards moved to the other nodes in ${((Date.now() - killed) / 1000).toFixed(1)} s`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  say('its shards did not move within 60 s: is another node running?');
}

async function start(argument: string | undefined): Promise<void> {
  const layout = await savedLayout();
  const node = nodeNumber(argument, layout);
  if (runningPid(`node-${node}`)) throw new Error(`node ${node} is already running`);
  const child = spawnNode(await provisionClusterBinaries(), layout, node, true);
  await writeFile(pidFile(`node-${node}`), String(child.pid));
  await waitForNodes(layout, [node]);
  say(`node ${node} (pid ${child.pid}) joined; shards are rebalanced onto it`);
}

async function reset(): Promise<void> {
  const running = (await processNames()).filter((name) => runningPid(name));
  if (running.length > 0) throw new Error(`still running: ${running.join(', ')} (./scripts/cluster.sh down)`);
  await rm(ROOT, { recursive: true, force: true });
  say('deleted .data/cluster');
}

const [command, argument] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = {
  up,
  down,
  kill: () => kill(argument),
  start: () => start(argument),
  reset,
};
const chosen = command ? commands[command] : undefined;
if (!chosen) {
  say('usage: ./scripts/cluster.sh up | down | kill <n> | start <n> | reset');
  process.exit(2);
}
try {
  await chosen();
} catch (error) {
  say((error as Error).message);
  process.exit(1);
}
