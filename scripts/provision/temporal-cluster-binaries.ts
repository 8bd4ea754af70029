/**
 * The binaries of a real Temporal cluster: the server, its SQL schema tool and the Web UI server,
 * built once with `go install` from the Go module proxy into the cache, keyed by version (the
 * same route as the CLI, see temporal-binaries.ts). docker-compose.yml pins the same versions.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../../config/environment.ts';
import { report } from './report.ts';
import { run } from './run.ts';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_UI_SERVER_VERSION = 'v2.42.1';

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** go install writes each binary under its package's last path element, hence one folder per module. */
async function goInstall(component: string, dir: string, packages: string[]): Promise<void> {
  const binaries = packages.map((name) => path.join(dir, path.basename(name.split('@')[0] ?? name)));
  if ((await Promise.all(binaries.map(isExecutable))).every(Boolean)) {
    report(component, `${dir} (cached go install)`);
    return;
  }
  report(component, `building with go install ${packages.join(' ')} (minutes on a cold Go cache, once)`);
  const started = Date.now();
  await run('go', ['install', ...packages], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
  });
  report(component, `${dir} (built with go install in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

export async function provisionClusterBinaries(): Promise<ClusterBinaries> {
  const serverDir = path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION.slice(1)}`);
  await goInstall('temporal server', serverDir, [
    `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
    `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
  ]);
  const uiDir = path.join(cacheDir(), `temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION.slice(1)}`);
  await goInstall('temporal ui server', uiDir, [
    `github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_SERVER_VERSION}`,
  ]);
  return {
    server: path.join(serverDir, 'server'),
    sqlTool: path.join(serverDir, 'sql'),
    uiServer: path.join(uiDir, 'server'),
  };
}
