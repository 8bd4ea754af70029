/**
 * Opens a Word document the way a funder would: LibreOffice (Debian's, installed by
 * scripts/lib/common.sh's ensure_document_readers) prints it to PDF, and poppler reads the PDF's
 * text and lists its images. What the proof looks like once printed, not what the XML says.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrintedDocument {
  text: string;
  pages: number;
  /** One entry per image drawn in the PDF (`pdfimages -list`), with its page. */
  images: { page: number; width: number; height: number }[];
}

export async function printDocx(bytes: Buffer): Promise<PrintedDocument> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'document-reader-'));
  try {
    const source = path.join(scratch, 'document.docx');
    await writeFile(source, bytes);
    // A profile of its own: two LibreOffice processes sharing one would wait on each other's lock.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(scratch, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        scratch,
        source,
      ],
      { timeout: 120_000 },
    );
    const pdf = (await readdir(scratch)).find((name) => name.endsWith('.pdf'));
    if (!pdf) throw new Error('LibreOffice printed no PDF');
    const file = path.join(scratch, pdf);
    const [{ stdout: text }, { stdout: info }, { stdout: list }] = await Promise.all([
      run('pdftotext', ['-layout', file, '-']),
      run('pdfinfo', [file]),
      run('pdfimages', ['-list', file]),
    ]);
    const images = list
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns.length > 4 && columns[2] === 'image')
      .map((columns) => ({
        page: Number(columns[0]),
        width: Number(columns[3]),
        height: Number(columns[4]),
      }));
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0), images };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
