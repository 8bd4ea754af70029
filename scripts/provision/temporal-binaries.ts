/**
 * Finds or builds the two Temporal servers the project runs on, in the order the team agreed:
 * an explicit path, the PATH, what an earlier run cached, the SDK's own download (fails fast
 * without internet), and finally a build from public registries (Go module proxy, Maven Central).
 */
import { constants } from 'node:fs';
import { access, chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { cacheDir } from '../../config/environment.ts';
import { report } from './report.ts';
import { run } from './run.ts';

export const TEMPORAL_CLI_MODULE_VERSION = 'v1.5.1';
export const TEST_SERVER_MAVEN_VERSION = '1.38.0';

export interface ProvisionedServer {
  executable: EphemeralServerExecutable;
  /** A path to a runnable binary when there is one (the SDK's download keeps its own). */
  binaryPath?: string;
  source: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function nonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

/** Downloads are cached for a year: offline machines must not lose a binary they already have. */
const DOWNLOAD_TTL = '365 days';

/**
 * Asks the SDK to download and start the server once; success proves the download works and
 * leaves the binary in our cache folder for later runs.
 */
async function trySdkDownload(kind: 'dev-server' | 'time-skipping', downloadDir: string): Promise<boolean> {
  await mkdir(downloadDir, { recursive: true });
  const executable: EphemeralServerExecutable = { type: 'cached-download', downloadDir, ttl: DOWNLOAD_TTL };
  try {
    const env =
      kind === 'dev-server'
        ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
        : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    await env.teardown();
    return true;
  } catch (error) {
    report(
      kind === 'dev-server' ? 'temporal dev server' : 'temporal test server',
      `SDK download unavailable (${(error as Error).message.split('\n')[0]})`,
    );
    await rm(downloadDir, { recursive: true, force: true });
    return false;
  }
}

export async function provisionTemporalCli(): Promise<ProvisionedServer> {
  const component = 'temporal dev server';
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!(await isExecutable(fromEnv)))
      throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    report(component, `${fromEnv} (TEMPORAL_CLI_PATH)`);
    return {
      executable: { type: 'existing-path', path: fromEnv },
      binaryPath: fromEnv,
      source: 'TEMPORAL_CLI_PATH',
    };
  }
  const fromPath = await onPath('temporal');
  if (fromPath) {
    report(component, `${fromPath} (PATH)`);
    return { executable: { type: 'existing-path', path: fromPath }, binaryPath: fromPath, source: 'PATH' };
  }
  const built = path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_MODULE_VERSION.slice(1)}`, 'temporal');
  if (await isExecutable(built)) {
    report(component, `${built} (cached go install)`);
    return { executable: { type: 'existing-path', path: built }, binaryPath: built, source: 'cache' };
  }
  const downloadDir = path.join(cacheDir(), 'sdk-download', 'dev-server');
  const downloadExecutable: EphemeralServerExecutable = {
    type: 'cached-download',
    downloadDir,
    ttl: DOWNLOAD_TTL,
  };
  if ((await nonEmptyDir(downloadDir)) || (await trySdkDownload('dev-server', downloadDir))) {
    report(component, `SDK download cached in ${downloadDir}`);
    return { executable: downloadExecutable, source: 'SDK download' };
  }
  report(
    component,
    `building with go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_MODULE_VERSION} (a few minutes, once)`,
  );
  await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_MODULE_VERSION}`], {
    env: { ...process.env, GOBIN: path.dirname(built), GOFLAGS: '-mod=mod' },
  });
  report(component, `${built} (built with go install)`);
  return { executable: { type: 'existing-path', path: built }, binaryPath: built, source: 'go install' };
}

function testServerPom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.provision</groupId>
  <artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/** The SDK starts `<launcher> <port> ...extraArgs`, which is exactly TestServer's command line. */
const LAUNCHER = `#!/bin/sh
here="$(cd "$(dirname "$0")" && pwd)"
exec java -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
`;

export async function provisionTestServer(): Promise<ProvisionedServer> {
  const component = 'temporal test server';
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!(await isExecutable(fromEnv)))
      throw new Error(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file`);
    report(component, `${fromEnv} (TEMPORAL_TEST_SERVER_PATH)`);
    return {
      executable: { type: 'existing-path', path: fromEnv },
      binaryPath: fromEnv,
      source: 'TEMPORAL_TEST_SERVER_PATH',
    };
  }
  const home = path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_MAVEN_VERSION}`);
  const launcher = path.join(home, 'temporal-test-server');
  if (await isExecutable(launcher)) {
    report(component, `${launcher} (cached Maven Central jars)`);
    return { executable: { type: 'existing-path', path: launcher }, binaryPath: launcher, source: 'cache' };
  }
  const downloadDir = path.join(cacheDir(), 'sdk-download', 'test-server');
  const downloadExecutable: EphemeralServerExecutable = {
    type: 'cached-download',
    downloadDir,
    ttl: DOWNLOAD_TTL,
  };
  if ((await nonEmptyDir(downloadDir)) || (await trySdkDownload('time-skipping', downloadDir))) {
    report(component, `SDK download cached in ${downloadDir}`);
    return { executable: downloadExecutable, source: 'SDK download' };
  }
  report(
    component,
    `fetching io.temporal:temporal-test-server:${TEST_SERVER_MAVEN_VERSION} from Maven Central (once)`,
  );
  await mkdir(home, { recursive: true });
  await writeFile(path.join(home, 'pom.xml'), testServerPom(TEST_SERVER_MAVEN_VERSION));
  await run(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=lib', '-DincludeScope=runtime'],
    { cwd: home },
  );
  // The launcher is written last: its presence is what marks the cache as complete.
  await writeFile(launcher, LAUNCHER);
  await chmod(launcher, 0o755);
  report(component, `${launcher} (Maven Central jars behind a launcher)`);
  return {
    executable: { type: 'existing-path', path: launcher },
    binaryPath: launcher,
    source: 'Maven Central',
  };
}
