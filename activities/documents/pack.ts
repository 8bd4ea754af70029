import { type Document, Packer } from 'docx';
import { unzipSync, zipSync } from 'fflate';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Packs a document so that the same content always gives the same bytes. `docx` stamps the
 * package with the current time (core properties and zip entries): the store would then take
 * every retried activity for a new version of the document. The stamp becomes the document's own
 * date instead (`day`: an ISO instant or YYYY-MM-DD, read in Europe/Paris).
 */
export async function packDocx(document: Document, day: string): Promise<Buffer> {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : parisDay.format(new Date(day));
  const [year = 1980, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
  const files = unzipSync(await Packer.toBuffer(document));
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = new TextEncoder().encode(
      new TextDecoder()
        .decode(core)
        .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${date}T00:00:00Z`),
    );
  }
  // fflate writes zip times from a Date's local fields: a Date built from local fields gives
  // the same bytes whatever the worker's time zone.
  return Buffer.from(zipSync(files, { mtime: new Date(year, month - 1, dayOfMonth, 12) }));
}
