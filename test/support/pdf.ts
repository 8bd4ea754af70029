/**
 * The real converter and a self-signed seal for tests: LibreOffice (scripts/test.sh installs it)
 * and one development certificate shared by every test process of the machine.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pdfRendering } from '../../activities/documents/pdf/rendering.ts';
import type { PdfRendering } from '../../activities/documents/pdf/sealed-pdf.ts';

export const TEST_SEAL_DIR = path.join(os.tmpdir(), 'missions-test-seal');

export function testPdfRendering(): PdfRendering {
  return pdfRendering({
    sofficePath: process.env.SOFFICE_PATH ?? 'soffice',
    // A loaded CI machine starts LibreOffice slowly; a test fails on its assertions, not on this.
    conversionTimeoutMs: 120_000,
    seal: { developmentDir: TEST_SEAL_DIR },
  });
}

const run = promisify(execFile);

/** What poppler's pdfsig says of a file, in UTF-8 (it prints names in the locale's encoding). */
export async function pdfsig(file: string): Promise<string> {
  const { stdout } = await run('pdfsig', [file], { env: { ...process.env, LC_ALL: 'C.UTF-8' } }).catch(
    // pdfsig exits non-zero for a broken signature and still says why on stdout.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return stdout;
}

export async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

/** The text of a PDF received as bytes (an e-mail's attachment, a download). */
export function pdfBytesText(bytes: Buffer): Promise<string> {
  return withFile(bytes, pdfText);
}

/** What pdfsig says of a PDF received as bytes. */
export function pdfBytesSignature(bytes: Buffer): Promise<string> {
  return withFile(bytes, pdfsig);
}

async function withFile(bytes: Buffer, read: (file: string) => Promise<string>): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'pdf-read-'));
  try {
    const file = path.join(scratch, 'document.pdf');
    await writeFile(file, bytes);
    return await read(file);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
