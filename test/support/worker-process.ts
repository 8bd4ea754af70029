import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { developmentSealCertificate } from '../../activities/documents/pdf/seal-certificate.ts';
import { TEST_SEAL_DIR } from './pdf.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote on stderr so far, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `node worker/main.ts` as operators run it, with the environment given: for what only the
 * process sets up, such as its Temporal runtime (one per process, and the test's own is taken).
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  readyWithinMs = 90_000,
): Promise<WorkerProcess> {
  // Production mode requires the organisation's seal: the tests' self-signed one stands in.
  const seal = await developmentSealCertificate(TEST_SEAL_DIR);
  const child = spawn(process.execPath, ['worker/main.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MISSIONS_MODE: 'production',
      SEAL_P12_PATH: seal.file,
      SEAL_P12_PASSPHRASE: seal.passphrase,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + readyWithinMs;
  while (!stderr.includes('worker polling task queue')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the worker did not start polling:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => stderr, stop };
}
