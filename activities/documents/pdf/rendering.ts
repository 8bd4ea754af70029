import type { DocumentSettings } from '../../../config/environment.ts';
import { gotenbergConverter, libreOfficeConverter } from './convert.ts';
import { developmentSealCertificate, readSealCertificate, type SealCertificate } from './seal-certificate.ts';
import type { PdfRendering } from './sealed-pdf.ts';

/** The converter and the seal the settings name. */
export function pdfRendering(settings: DocumentSettings): PdfRendering {
  const converter = settings.gotenbergUrl
    ? gotenbergConverter(settings.gotenbergUrl, settings.conversionTimeoutMs)
    : libreOfficeConverter({ sofficePath: settings.sofficePath, timeoutMs: settings.conversionTimeoutMs });
  let seal: Promise<SealCertificate> | undefined;
  const { seal: source } = settings;
  const load = () =>
    'p12Path' in source
      ? readSealCertificate(source.p12Path, source.passphrase)
      : developmentSealCertificate(source.developmentDir);
  return {
    converter,
    seal() {
      // A failed read is not kept: a file fixed in place is read on the next document.
      seal ??= load().catch((error: unknown) => {
        seal = undefined;
        throw error;
      });
      return seal;
    },
  };
}
