import type { FastifyReply } from 'fastify';
import type { DocumentWithContent } from '../../activities/documents/store.ts';

/** A stored document, or its sealed PDF, as a download with its checksum so the receiver can verify it. */
export function sendDocument(
  reply: FastifyReply,
  document: Pick<DocumentWithContent, 'contentType' | 'filename' | 'checksum' | 'bytes'>,
) {
  return reply
    .type(document.contentType)
    .header('content-disposition', `attachment; filename="${document.filename}"`)
    .header('x-checksum-sha256', document.checksum)
    .send(document.bytes);
}
