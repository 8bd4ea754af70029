/**
 * Gotenberg's LibreOffice route as its documentation describes it (https://gotenberg.dev/docs/routes,
 * 8.x): POST /forms/libreoffice/convert, multipart/form-data, the documents in `files` parts whose
 * file name's extension says their format, the PDF back as application/pdf; 400 for a request it
 * cannot take. The conversion itself is the real LibreOffice, as in the gotenberg image.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { libreOfficeConverter } from '../../activities/documents/pdf/convert.ts';

export interface GotenbergContractServer {
  url: string;
  /** The file names of every accepted request's `files` parts. */
  received: string[][];
  close(): Promise<void>;
}

export async function startGotenbergContractServer(): Promise<GotenbergContractServer> {
  const converter = libreOfficeConverter({
    sofficePath: process.env.SOFFICE_PATH ?? 'soffice',
    timeoutMs: 120_000,
  });
  const received: string[][] = [];
  const refuse = (res: http.ServerResponse, message: string) =>
    res.writeHead(400, { 'content-type': 'text/plain' }).end(message);

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/forms/libreoffice/convert')
      return res.writeHead(404).end(`${req.method} ${req.url}`);
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) return refuse(res, 'multipart/form-data expected');
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } })
      .formData()
      .catch(() => null);
    const files = form?.getAll('files').filter((part): part is File => part instanceof File) ?? [];
    if (files.length !== 1) return refuse(res, 'one file expected in the files field');
    const [file] = files;
    if (!file || !/\.docx$/i.test(file.name)) return refuse(res, 'the file name must say its format (.docx)');
    // Gotenberg's PDF/A field (https://gotenberg.dev/docs/routes): the variants LibreOffice exports.
    const pdfa = form?.get('pdfa');
    if (pdfa !== null && pdfa !== undefined && pdfa !== 'PDF/A-3b')
      return refuse(
        res,
        `pdfa must be PDF/A-1b, PDF/A-2b or PDF/A-3b; this contract knows PDF/A-3b, got ${pdfa}`,
      );
    received.push(files.map((part) => part.name));
    try {
      const pdf = await converter.toPdf(Buffer.from(await file.arrayBuffer()), {
        pdfA3: pdfa === 'PDF/A-3b',
      });
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await converter.close();
    },
  };
}
