/**
 * What a person receives of a generated document: its PDF, converted from the very docx staff
 * download and sealed with the organisation's certificate, stored beside the docx once per
 * version (db/migrations/1732354500000_document-pdfs.sql).
 */
import { createHash } from 'node:crypto';
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import { findEInvoiceXml } from '../../../db/queries/client-invoices.ts';
import { embedFacturX } from '../einvoice/facturx-pdf.ts';
import { DOCX_CONTENT_TYPE } from '../pack.ts';
import type { DocumentWithContent } from '../store.ts';
import type { PdfConverter } from './convert.ts';
import { sealPdf } from './seal.ts';
import type { SealCertificate } from './seal-certificate.ts';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface PdfRendering {
  converter: PdfConverter;
  /** Read when the first document is sealed, not when the worker starts. */
  seal: () => Promise<SealCertificate>;
}

const pdfRow = z.object({
  filename: z.string(),
  byteSize: z.number().int(),
  checksum: z.string(),
  bytes: z.instanceof(Buffer),
  signer: z.string(),
});

export type SealedPdf = z.infer<typeof pdfRow> & { contentType: typeof PDF_CONTENT_TYPE };

export function isConvertible(document: { contentType: string }): boolean {
  return document.contentType === DOCX_CONTENT_TYPE;
}

export async function findSealedPdf(db: CommonQueryMethods, documentId: string): Promise<SealedPdf | null> {
  const row = await db.maybeOne(sql.type(pdfRow)`
    select filename, byte_size as "byteSize", checksum, content as bytes, signer
    from document_pdfs where document_id = ${documentId}`);
  return row && { ...row, contentType: PDF_CONTENT_TYPE };
}

/**
 * Conversions under way in this process, by document: an attempt retried after its timeout joins
 * the conversion its predecessor left running instead of queuing the document a second time.
 */
const converting = new Map<string, Promise<SealedPdf>>();

/**
 * The stored sealed PDF of a docx, made the first time it is asked for. Two workers racing both
 * convert, the first stored wins and both return it: a retried e-mail attaches the same bytes.
 */
export async function sealedPdfOf(
  db: CommonQueryMethods,
  rendering: PdfRendering,
  document: DocumentWithContent,
): Promise<SealedPdf> {
  if (!isConvertible(document)) throw new TypeError(`${document.filename} is not a Word document`);
  const stored = await findSealedPdf(db, document.documentId);
  if (stored) return stored;
  const running = converting.get(document.documentId);
  if (running) return running;
  const made = makeSealedPdf(db, rendering, document).finally(() => converting.delete(document.documentId));
  converting.set(document.documentId, made);
  return made;
}

async function makeSealedPdf(
  db: CommonQueryMethods,
  rendering: PdfRendering,
  document: DocumentWithContent,
): Promise<SealedPdf> {
  const seal = await rendering.seal();
  // An invoice with its Factur-X XML becomes a PDF/A-3 carrying it, embedded before the seal so
  // the seal covers it; the XML is stored with the document, never rebuilt.
  const xml = await findEInvoiceXml(db, document.documentId);
  const pdf = await rendering.converter.toPdf(document.bytes, { pdfA3: xml !== null });
  const content = xml === null ? pdf : await embedFacturX(pdf, xml, new Date(document.createdAt));
  const bytes = await sealPdf(content, seal, {
    reason: `${document.filename.replace(/\.docx$/, '')}, version ${document.version}, sha256 du docx ${document.checksum}`,
    notice: xml === null,
  });
  await db.query(sql.unsafe`
    insert into document_pdfs (document_id, filename, byte_size, checksum, content, signer, converter)
    values (${document.documentId}, ${document.filename.replace(/\.docx$/, '.pdf')}, ${bytes.byteLength},
            ${createHash('sha256').update(bytes).digest('hex')}, ${sql.binary(bytes)}, ${seal.signerName},
            ${rendering.converter.name})
    on conflict (document_id) do nothing`);
  const sealed = await findSealedPdf(db, document.documentId);
  if (!sealed) throw new Error(`the PDF of document ${document.documentId} vanished after it was stored`);
  return sealed;
}
