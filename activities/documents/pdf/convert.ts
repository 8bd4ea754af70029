/**
 * Word to PDF by a real office suite, so what a person receives looks like what staff open in
 * Word: LibreOffice headless on the worker's machine, or Gotenberg (LibreOffice behind HTTP) when
 * GOTENBERG_URL names one. docs/decisions/0004-sealed-pdf.md says why.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfOptions {
  /**
   * PDF/A-3b (ISO 19005-3), the archival PDF that may carry attached files: what a Factur-X
   * invoice is made of. Other documents stay plain PDF, as they always were.
   */
  pdfA3?: boolean;
}

export interface PdfConverter {
  readonly name: string;
  toPdf(docx: Buffer, options?: PdfOptions): Promise<Buffer>;
  /** What converts, for the start log; fails when LibreOffice cannot run here. */
  describe(): Promise<string>;
  /** Frees what the converter keeps between conversions (LibreOffice's profile). */
  close(): Promise<void>;
}

export interface LibreOfficeOptions {
  /** `soffice`, found on PATH, unless SOFFICE_PATH says where. */
  sofficePath: string;
  /** How long one LibreOffice run may take, for a whole batch. */
  timeoutMs: number;
  /** The most documents one LibreOffice run converts. */
  maxBatch?: number;
}

interface Pending {
  docx: Buffer;
  pdfA3: boolean;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/**
 * A profile LibreOffice has already initialised, copied into each new process's own: making one
 * from nothing doubles the first conversion (measured 2.1–3.6 s against 0.9–1.7 s).
 */
const PROFILE_TEMPLATE = path.join(os.tmpdir(), `missions-soffice-profile-${os.userInfo().uid}`);

const ROOT_PREFIX = 'missions-soffice-pid';

/** LibreOffice's PDF export, and the same with SelectPdfVersion 3: PDF/A-3b (filter options as JSON, LibreOffice 7.4+). */
const PDF_FILTER = 'pdf:writer_pdf_Export';
const PDF_A3_FILTER = `${PDF_FILTER}:${JSON.stringify({ SelectPdfVersion: { type: 'long', value: '3' } })}`;

async function privateRoot(): Promise<string> {
  await removeRootsOfDeadProcesses();
  const base = await mkdtemp(path.join(os.tmpdir(), `${ROOT_PREFIX}${process.pid}-`));
  // No template yet (the machine's first conversion): LibreOffice makes the profile itself.
  await cp(PROFILE_TEMPLATE, path.join(base, 'profile'), { recursive: true }).catch(() => undefined);
  return base;
}

/** A worker killed (SIGKILL, a crash) leaves its directory behind: the next one removes it. */
async function removeRootsOfDeadProcesses(): Promise<void> {
  const names = await readdir(os.tmpdir()).catch(() => []);
  for (const name of names) {
    const pid = name.startsWith(ROOT_PREFIX) ? Number.parseInt(name.slice(ROOT_PREFIX.length), 10) : 0;
    if (pid > 0 && !isAlive(pid)) await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Keeps a used profile as the template, written aside then renamed so no process copies half of one. */
async function keepAsTemplate(profile: string): Promise<void> {
  const scratch = `${PROFILE_TEMPLATE}.${randomUUID()}`;
  try {
    await cp(profile, scratch, { recursive: true });
    await rename(scratch, PROFILE_TEMPLATE);
  } catch {
    // Another process kept its own first: any initialised profile will do.
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * LibreOffice starts in seconds and converts in a fraction of one, and two instances on one
 * profile block each other: conversions are queued, and each run converts every document that
 * queued while the previous run worked, so a burst of certificates costs one start, not fifteen.
 * One profile per process, kept warm between runs, in a directory no other process uses.
 */
export function libreOfficeConverter(options: LibreOfficeOptions): PdfConverter {
  const maxBatch = options.maxBatch ?? 20;
  const queue: Pending[] = [];
  let running = false;
  let root: Promise<string> | undefined;
  let runs = 0;
  let templateKept = false;

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      // One run exports with one filter: it takes the documents queued for the first one's format.
      while (queue.length > 0) {
        const pdfA3 = queue[0]?.pdfA3 ?? false;
        const batch = queue.filter((pending) => pending.pdfA3 === pdfA3).slice(0, maxBatch);
        for (const pending of batch) queue.splice(queue.indexOf(pending), 1);
        await convertBatch(batch, pdfA3);
      }
    } finally {
      running = false;
    }
  }

  async function convertBatch(batch: Pending[], pdfA3: boolean): Promise<void> {
    root ??= privateRoot();
    const base = await root;
    const dir = path.join(base, `run-${++runs}`);
    try {
      await mkdir(dir);
      const sources = batch.map((_, index) => path.join(dir, `document-${index}.docx`));
      await Promise.all(batch.map((pending, index) => writeFile(sources[index] ?? '', pending.docx)));
      await runSoffice(
        options.sofficePath,
        [
          `-env:UserInstallation=file://${path.join(base, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          pdfA3 ? PDF_A3_FILTER : PDF_FILTER,
          '--outdir',
          dir,
          ...sources,
        ],
        options.timeoutMs,
      );
      if (!templateKept) {
        templateKept = true;
        await keepAsTemplate(path.join(base, 'profile'));
      }
      await Promise.all(
        batch.map(async (pending, index) => {
          try {
            pending.resolve(await readFile(path.join(dir, `document-${index}.pdf`)));
          } catch {
            pending.reject(new Error('LibreOffice wrote no PDF for the document (unreadable docx?)'));
          }
        }),
      );
    } catch (error) {
      for (const pending of batch) pending.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    name: 'libreoffice',
    toPdf(docx, options = {}) {
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ docx, pdfA3: options.pdfA3 ?? false, resolve, reject });
        void drain();
      });
    },
    async describe() {
      const { stdout } = await run(options.sofficePath, ['--version'], { timeout: 30_000 });
      return stdout.trim().split('\n')[0] ?? options.sofficePath;
    },
    async close() {
      if (root) await rm(await root, { recursive: true, force: true });
      root = undefined;
    },
  };
}

/**
 * `soffice` is a launcher that starts `soffice.bin`: on timeout the whole process group is
 * killed, or a hung instance would keep the profile locked for every later run.
 */
function runSoffice(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run LibreOffice (${command}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            signal === 'SIGKILL'
              ? `LibreOffice did not finish within ${timeoutMs} ms`
              : `LibreOffice exited with ${code ?? signal}: ${stderr.trim()}`,
          ),
        );
    });
  });
}

/** Gotenberg's LibreOffice route (https://gotenberg.dev/docs/routes): one multipart file in, the PDF out. */
export function gotenbergConverter(baseUrl: string, timeoutMs: number): PdfConverter {
  const url = `${baseUrl.replace(/\/$/, '')}/forms/libreoffice/convert`;
  return {
    name: 'gotenberg',
    async toPdf(docx, options = {}) {
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(docx)]), 'document.docx');
      if (options.pdfA3) form.append('pdfa', 'PDF/A-3b');
      const response = await fetch(url, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok)
        throw new Error(`Gotenberg answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      return Buffer.from(await response.arrayBuffer());
    },
    // Not reached at start: the service may start after the worker, and a conversion is retried.
    async describe() {
      return `Gotenberg at ${baseUrl}`;
    },
    async close() {},
  };
}
