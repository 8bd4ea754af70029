import { crc32, deflateSync } from 'node:zlib';

/**
 * A real PNG (8-bit greyscale) of a diagonal stroke, as a signature pad would send: readers and
 * docx must accept it as an image. `seed` shifts the stroke so two signatures differ in bytes.
 */
export function signaturePng(width = 300, height = 100, seed = 0): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(width + 1, 0xff);
    row[0] = 0; // filter: none
    const x = Math.floor(((y + seed) % height) * (width / height));
    for (let dx = 0; dx < 3 && x + dx < width; dx += 1) row[1 + x + dx] = 0;
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const signatureDataUrl = (seed = 0): string =>
  `data:image/png;base64,${signaturePng(300, 100, seed).toString('base64')}`;
