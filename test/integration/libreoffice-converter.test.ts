/** The LibreOffice converter's own behaviour, with the real LibreOffice. */
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { libreOfficeConverter } from '../../activities/documents/pdf/convert.ts';

const docx = (text: string) =>
  Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));

describe('LibreOffice converter', () => {
  const converter = libreOfficeConverter({
    sofficePath: process.env.SOFFICE_PATH ?? 'soffice',
    timeoutMs: 120_000,
  });
  afterAll(() => converter.close());

  it('converts documents asked together, failing only the one it cannot read, and clears what a killed worker left', async () => {
    // A worker SIGKILLed mid-run leaves its directory; no process has this pid (above pid_max).
    const left = path.join(os.tmpdir(), 'missions-soffice-pid4194305-left');
    await mkdir(path.join(left, 'profile'), { recursive: true });
    const [first, broken, second] = await Promise.allSettled([
      converter.toPdf(await docx('Premier document')),
      converter.toPdf(Buffer.from('PK\u0003\u0004 not a Word document')),
      converter.toPdf(await docx('Second document')),
    ]);
    expect(first.status === 'fulfilled' && first.value.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.status === 'fulfilled' && second.value.subarray(0, 5).toString()).toBe('%PDF-');
    expect(broken.status === 'rejected' && String(broken.reason)).toMatch(/LibreOffice wrote no PDF/);
    await expect(stat(left)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 180_000);

  it('exports PDF/A-3b only for the documents that ask, even when queued among plain ones', async () => {
    const [plain, archival, plainAgain] = await Promise.all([
      converter.toPdf(await docx('Attestation')),
      converter.toPdf(await docx('Facture'), { pdfA3: true }),
      converter.toPdf(await docx('Programme')),
    ]);
    const pdfA3 = (pdf: Buffer) => pdf.toString('latin1').includes('<pdfaid:part>3</pdfaid:part>');
    expect([plain, archival, plainAgain].map(pdfA3)).toEqual([false, true, false]);
  }, 180_000);

  it('kills a run past its timeout and says so', async () => {
    const hurried = libreOfficeConverter({
      sofficePath: process.env.SOFFICE_PATH ?? 'soffice',
      timeoutMs: 1,
    });
    try {
      await expect(hurried.toPdf(await docx('Trop lent'))).rejects.toThrow(/did not finish within 1 ms/);
    } finally {
      await hurried.close();
    }
  }, 60_000);
});
