/**
 * Seals a PDF with the organisation's certificate: a signature over the whole file, in the form
 * PAdES names (SubFilter ETSI.CAdES.detached), so any change after sealing shows in every reader.
 * No timestamp authority is asked: the seal is PAdES B-B, its time is the worker's clock
 * (docs/decisions/0004-sealed-pdf.md).
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { grayscale, PDFDocument, StandardFonts } from 'pdf-lib';
import type { SealCertificate } from './seal-certificate.ts';

export interface SealDetails {
  /** What readers show beside the signer: which document version this seal vouches for. */
  reason: string;
  /**
   * Whether to print the seal notice at the foot of the last page (the default). Not on a PDF/A:
   * the notice's Helvetica is not embedded, which PDF/A forbids; an invoice prints its own.
   */
  notice?: boolean;
}

/** Room for a certificate chain of a few intermediates; an unused end is zero-padded. */
const SIGNATURE_BYTES = 16_384;

export async function sealPdf(
  pdf: Buffer,
  seal: SealCertificate,
  details: SealDetails,
  signingTime = new Date(),
): Promise<Buffer> {
  // The document information stays as the converter wrote it: a PDF/A's must match its XMP.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  if (details.notice !== false) await printSealNotice(document, seal.signerName, signingTime);
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: details.reason,
    contactInfo: '',
    name: seal.signerName,
    location: '',
    signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  // The placeholder is found by text search in the file: object streams would compress it away.
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new P12Signer(seal.p12, { passphrase: seal.passphrase }), signingTime);
}

const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/**
 * The seal lives in the file, where a reader's signature panel shows it; a funder reading a
 * printout sees only paper. One line at the foot of the last page says it is sealed, by whom and
 * when, and that the file is the proof. Drawn before sealing, so the seal covers it too.
 */
async function printSealNotice(document: PDFDocument, signer: string, signingTime: Date): Promise<void> {
  const page = document.getPages().at(-1);
  if (!page) return;
  const font = await document.embedFont(StandardFonts.Helvetica);
  // Helvetica's encoding (WinAnsi) has no glyph for some characters a name may hold: they become '?'.
  const glyphs = new Set(font.getCharacterSet());
  const printable = (text: string) =>
    [...text].map((char) => (glyphs.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
  page.drawText(
    printable(
      `Document scellé électroniquement par ${signer} le ${parisDate.format(signingTime)} : le fichier PDF fait foi, toute modification invalide le sceau.`,
    ),
    { x: 56, y: 14, size: 6.5, font, color: grayscale(0.35) },
  );
}
