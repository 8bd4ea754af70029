/** The signatory's signature and the organisation's stamp, drawn where a document is signed. */
import { ImageRun, Paragraph } from 'docx';
import type { Organisation, OrganisationImage } from './organisation.ts';
import { pngDimensions } from './png.ts';

/** The box an image shrinks to fit, in pixels at 96 dpi: about 4 × 2 cm. */
const BOX = { width: 150, height: 75 };

/** JPEG's size from its start-of-frame segment; null when there is none. */
function jpegDimensions(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  return null;
}

function imageRun(image: OrganisationImage, name: string): ImageRun | null {
  const png = image.contentType === 'image/png';
  const size = png ? pngDimensions(image.bytes) : jpegDimensions(image.bytes);
  if (!size || size.width === 0 || size.height === 0) return null;
  const scale = Math.min(1, BOX.width / size.width, BOX.height / size.height);
  return new ImageRun({
    type: png ? 'png' : 'jpg',
    data: image.bytes,
    transformation: {
      width: Math.max(1, Math.round(size.width * scale)),
      height: Math.max(1, Math.round(size.height * scale)),
    },
    altText: { name, description: name, title: name },
  });
}

/** The signature and the stamp side by side; nothing when staff have uploaded neither. */
export function organisationSeal(organisation: Organisation, indent?: number): Paragraph[] {
  const runs = [
    organisation.signature && imageRun(organisation.signature, 'Signature'),
    organisation.stamp && imageRun(organisation.stamp, 'Cachet'),
  ].filter((run): run is ImageRun => run !== null);
  return runs.length === 0
    ? []
    : [new Paragraph({ indent: indent ? { left: indent } : undefined, children: runs })];
}
