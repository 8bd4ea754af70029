import { pngDimensions } from '../../activities/documents/png.ts';
import { ProblemError } from '../problems.ts';

/** A drawn signature is small: a phone's canvas at 3× density, as PNG, stays far below this. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;
const MIN_SIDE = 50;
const MAX_SIDE = 4000;
const DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * The PNG a signature pad produced (a `data:image/png;base64,` URL), checked by its content:
 * PNG magic bytes and header, size, and dimensions a signature pad can produce.
 */
export function readSignatureImage(dataUrl: string): Buffer {
  const field = { field: 'signature' };
  if (dataUrl.trim() === '')
    throw new ProblemError(422, 'SIGNATURE_REQUIRED', 'Sign in the box before submitting.', field);
  const encoded = DATA_URL.exec(dataUrl)?.[1];
  if (!encoded)
    throw new ProblemError(
      422,
      'SIGNATURE_INVALID',
      'The signature must be a PNG image as a data URL (data:image/png;base64,…).',
      field,
    );
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength > MAX_SIGNATURE_BYTES)
    throw new ProblemError(
      413,
      'SIGNATURE_TOO_LARGE',
      `A signature image is ${MAX_SIGNATURE_BYTES / 1024} KB at most.`,
      field,
    );
  const size = pngDimensions(bytes);
  if (!size) throw new ProblemError(422, 'SIGNATURE_INVALID', 'The signature is not a PNG image.', field);
  const sane = (side: number) => side >= MIN_SIDE && side <= MAX_SIDE;
  if (!sane(size.width) || !sane(size.height))
    throw new ProblemError(
      422,
      'SIGNATURE_INVALID',
      `A signature image is between ${MIN_SIDE} and ${MAX_SIDE} pixels on each side.`,
      field,
    );
  return bytes;
}
