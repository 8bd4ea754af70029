/**
 * The worker's Gotenberg client (GOTENBERG_URL, the converter docker-compose.yml runs) against a
 * server speaking Gotenberg's documented contract, converting with the real LibreOffice.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotenbergConverter } from '../../activities/documents/pdf/convert.ts';
import { type GotenbergContractServer, startGotenbergContractServer } from '../support/gotenberg-server.ts';

const run = promisify(execFile);

describe('converting through Gotenberg', () => {
  let gotenberg: GotenbergContractServer;
  let scratch: string;
  beforeAll(async () => {
    gotenberg = await startGotenbergContractServer();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'gotenberg-test-'));
  });
  afterAll(async () => {
    await gotenberg?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('sends the docx as one .docx file of the files field and gets the PDF back', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Attestation de Zoé Lefèvre, 10,5 heures')] }] }),
    );
    const pdf = await gotenbergConverter(gotenberg.url, 120_000).toPdf(docx);
    expect(gotenberg.received).toEqual([['document.docx']]);
    const file = path.join(scratch, 'converted.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [file, '-']);
    expect(stdout).toContain('Attestation de Zoé Lefèvre, 10,5 heures');
  }, 180_000);

  it('asks for PDF/A-3b when the document is an e-invoice, and gets one', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Facture F-2027-0001')] }] }),
    );
    const pdf = await gotenbergConverter(gotenberg.url, 120_000).toPdf(docx, { pdfA3: true });
    expect(pdf.toString('latin1')).toContain('<pdfaid:part>3</pdfaid:part>');
    const plain = await gotenbergConverter(gotenberg.url, 120_000).toPdf(docx);
    expect(plain.toString('latin1')).not.toContain('pdfaid:part');
  }, 180_000);

  it('fails with what Gotenberg answered when it refuses the document', async () => {
    await expect(
      gotenbergConverter(`${gotenberg.url}/nowhere`, 10_000).toPdf(Buffer.from('x')),
    ).rejects.toThrow(/Gotenberg answered 404/);
  });
});
