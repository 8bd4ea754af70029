/**
 * The Temporal CLI dev server for the dev stack, with its Web UI and a SQLite file. Started as our
 * own child process when we have the binary, so stopping the stack always stops it too (the SDK's
 * ephemeral-server teardown left it running when only the parent was signalled).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { MISSION_SEARCH_ATTRIBUTES } from '../../workflows/messages/search-attributes.ts';
import type { ProvisionedServer } from './temporal-binaries.ts';
import { registerMissionSearchAttributes } from './temporal-namespace.ts';

export interface DevServerOptions {
  port: number;
  uiPort: number;
  dbFilename: string;
}

export interface RunningDevServer {
  address: string;
  stop(): Promise<void>;
}

const CLI_TYPE_NAMES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', INT: 'Int' };

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `--search-attribute` only takes effect when the SQLite file is new: a dev stack started with
 * data from before a new attribute was added would refuse every mission start. Register what is
 * missing, idempotently.
 */
async function registerMissingSearchAttributes(address: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const added = await registerMissionSearchAttributes(connection, 'default');
    if (added.length > 0) process.stderr.write(`[dev] registered search attributes: ${added.join(', ')}\n`);
  } finally {
    await connection.close();
  }
}

export async function startTemporalDevServer(
  cli: ProvisionedServer,
  options: DevServerOptions,
): Promise<RunningDevServer> {
  if (!cli.binaryPath) {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: cli.executable,
        ip: '127.0.0.1',
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        dbFilename: options.dbFilename,
        searchAttributes: MISSION_SEARCH_ATTRIBUTES,
      },
    });
    return { address: env.address, stop: () => env.teardown() };
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFilename,
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...MISSION_SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${CLI_TYPE_NAMES[key.type] ?? 'Keyword'}`,
    ]),
  ];
  const child = spawn(cli.binaryPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error(`the Temporal dev server exited with code ${child.exitCode}`);
    if (await portOpen(options.port)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await registerMissingSearchAttributes(`127.0.0.1:${options.port}`);
  return {
    address: `127.0.0.1:${options.port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
