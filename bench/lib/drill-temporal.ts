/**
 * The Temporal server the fault drill runs on, and the fault it suffers: the dev server restarted
 * on its SQLite file, or (TEMPORAL_TARGET=cluster) a fresh two-node cluster on a Postgres of its
 * own whose second node is SIGKILLed, so its history shards move to the first node, and started
 * again later. Clients use node 1's frontend, as they would a load balancer's address.
 */
import path from 'node:path';
import { startPostgres } from '../../scripts/provision/postgres.ts';
import { provisionTemporalCli } from '../../scripts/provision/temporal-binaries.ts';
import { shardsByNode, startTemporalCluster } from '../../scripts/provision/temporal-cluster.ts';
import { provisionClusterBinaries } from '../../scripts/provision/temporal-cluster-binaries.ts';
import { clusterLayout } from '../../scripts/provision/temporal-cluster-layout.ts';
import { startTemporalDevServer } from '../../scripts/provision/temporal-dev-server.ts';
import { freePort } from '../../test/support/free-port.ts';
import { log, onCleanup } from './harness.ts';

export interface DrillTemporal {
  address: string;
  description: string;
  /** Says what the fault did, once it is over. */
  fault(downSeconds: number, stillNeeded: () => boolean): Promise<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const clusterTarget = () => process.env.TEMPORAL_TARGET === 'cluster';

async function devServer(scratch: string): Promise<DrillTemporal> {
  const options = {
    port: await freePort(),
    uiPort: await freePort(),
    dbFilename: path.join(scratch, 'temporal.sqlite'),
  };
  let server = await startTemporalDevServer(await provisionTemporalCli(), options);
  onCleanup('temporal dev server', () => server.stop());
  return {
    address: server.address,
    description: `dev server (SQLite, UI :${options.uiPort})`,
    async fault() {
      await server.stop();
      server = await startTemporalDevServer(await provisionTemporalCli(), options);
      return 'Temporal dev server restarted on its SQLite file';
    },
  };
}

const KILLED_NODE = 2;

/** Seconds from `since` until the probe holds, polled every 250 ms; null past the limit. */
async function secondsUntil(
  since: number,
  limitSeconds: number,
  probe: () => Promise<boolean>,
): Promise<string | null> {
  while (Date.now() - since < limitSeconds * 1000) {
    if (await probe().catch(() => false)) return ((Date.now() - since) / 1000).toFixed(1);
    await sleep(250);
  }
  return null;
}

async function cluster(scratch: string): Promise<DrillTemporal> {
  // Its own Postgres: the drill's Postgres outage is the read model's, as before.
  const postgres = await startPostgres({
    dataDir: path.join(scratch, 'temporal-postgres'),
    port: await freePort(),
  });
  onCleanup('temporal postgres', () => postgres.stop());
  const started = Date.now();
  const running = await startTemporalCluster(
    await provisionClusterBinaries(),
    await clusterLayout({ dir: path.join(scratch, 'temporal'), postgresUrl: postgres.serverUrl }),
  );
  onCleanup('temporal cluster', () => running.stop());
  log(`Temporal cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    address: running.address,
    description: `cluster of ${running.layout.nodes.length} nodes on Postgres, logs in ${running.layout.dir}`,
    async fault(downSeconds, stillNeeded) {
      const before = await shardsByNode(running.layout);
      const owned = before[KILLED_NODE - 1];
      const total = before.reduce((sum, count) => sum + count, 0);
      const killed = Date.now();
      running.killNode(KILLED_NODE);
      log(`Temporal node ${KILLED_NODE}: SIGKILL (it owned ${owned} history shards)`);
      const moved = await secondsUntil(killed, downSeconds, async () => {
        const shards = await shardsByNode(running.layout);
        return shards[KILLED_NODE - 1] === 0;
      });
      log(
        `its shards moved to the other node ${moved === null ? `not within ${downSeconds} s` : `in ${moved} s`}`,
      );
      for (let waited = (Date.now() - killed) / 1000; waited < downSeconds && stillNeeded(); waited += 1)
        await sleep(1000);
      const restarted = Date.now();
      await running.startNode(KILLED_NODE);
      const joined = ((Date.now() - restarted) / 1000).toFixed(1);
      const back = await secondsUntil(restarted, 60, async () => {
        const shards = await shardsByNode(running.layout);
        return (shards[KILLED_NODE - 1] ?? 0) > 0;
      });
      log(`Temporal node ${KILLED_NODE} rejoined in ${joined} s, took shards back in ${back ?? '> 60'} s`);
      return `node ${KILLED_NODE} (${owned} of ${total} shards) SIGKILLed: shards on node 1 in ${moved ?? `> ${downSeconds}`} s; down ${downSeconds} s; rejoined in ${joined} s, shards back in ${back ?? '> 60'} s`;
    },
  };
}

export function startDrillTemporal(scratch: string): Promise<DrillTemporal> {
  return clusterTarget() ? cluster(scratch) : devServer(scratch);
}
