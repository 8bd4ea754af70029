import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run token', () => {
  let bin: string;

  beforeAll(async () => {
    // A machine whose `node` predates type stripping: it answers an old major to the version
    // probe and cannot run a .ts file (npm itself, plain JavaScript, still runs on it).
    bin = await mkdtemp(join(tmpdir(), 'old-node-'));
    await writeFile(
      join(bin, 'node'),
      `#!/bin/sh\nif [ "$1" = "-p" ]; then echo 20; exit 0; fi\nexec "${process.execPath}" --no-experimental-strip-types "$@"\n`,
    );
    await chmod(join(bin, 'node'), 0o755);
  });
  afterAll(async () => rm(bin, { recursive: true, force: true }));

  it('mints a token through the project Node 24 when the machine node is older', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'token', '--', 'coordinator', 'coord-1'], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AUTH_JWT_SECRET: 'x'.repeat(40) },
    });
    const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode('x'.repeat(40)));
    expect(payload).toMatchObject({ sub: 'coord-1', role: 'coordinator' });
  });
});
