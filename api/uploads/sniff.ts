/** What a signed sheet really is, from its first bytes: the declared content type is not trusted. */
const SIGNATURES: { contentType: string; extension: string; bytes: number[] }[] = [
  { contentType: 'application/pdf', extension: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/png', extension: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', extension: 'jpg', bytes: [0xff, 0xd8, 0xff] },
];

export const ACCEPTED_UPLOAD_TYPES = SIGNATURES.map((signature) => signature.contentType);

export function sniffUpload(bytes: Buffer): { contentType: string; extension: string } | null {
  const match = SIGNATURES.find((signature) => signature.bytes.every((byte, index) => bytes[index] === byte));
  return match ? { contentType: match.contentType, extension: match.extension } : null;
}
