/**
 * The audit bundle of a mission or one session (issue #19): one ZIP, written as it is read, with
 * every document as a person received it (the sealed PDF; uploads as uploaded), the logs as
 * CSV and JSON, the consistency report, an index page in French and a manifest giving each
 * file's SHA-256, size and the versions it was built from. A ZIP is what OPCO portals and
 * auditors take; fflate writes it in pieces, so a bundle of many PDFs never sits whole in memory.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { CommonQueryMethods } from 'slonik';
import {
  findSealedPdf,
  isConvertible,
  type PdfRendering,
  sealedPdfOf,
} from '../../activities/documents/pdf/sealed-pdf.ts';
import { findDocument } from '../../activities/documents/store.ts';
import type { AuditDocumentRecord } from '../../db/queries/audit-facts.ts';
import { type Extract, extractCsv, extractJson } from './extracts.ts';
import { indexPage } from './index-page.ts';
import type { Manifest, ManifestFile } from './manifest.ts';
import { type AuditReport, auditReport, type MissionAudit } from './read-audit.ts';

interface PlannedDocument {
  path: string;
  record: AuditDocumentRecord;
  latest: boolean;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

/**
 * Where each document goes: the mission's own under mission/, each session's in its folder; older
 * versions under versions/ when someone received them.
 */
function planDocuments(audit: MissionAudit): PlannedDocument[] {
  const folders = new Map(
    audit.sessions.map(({ session, facts }) => [
      session.sessionId,
      `sessions/${facts.from}-${slug(session.title) || 'session'}-${session.sessionId.slice(0, 8)}`,
    ]),
  );
  const latestVersion = new Map<string, number>();
  const keyOf = (d: AuditDocumentRecord) => `${d.sessionId ?? ''}/${d.participantId ?? ''}/${d.kind}`;
  for (const document of audit.documents)
    latestVersion.set(keyOf(document), Math.max(latestVersion.get(keyOf(document)) ?? 0, document.version));
  const taken = new Set<string>();
  return audit.documents.flatMap((record) => {
    const folder = record.sessionId === null ? 'mission' : folders.get(record.sessionId);
    if (folder === undefined) return [];
    const latest = latestVersion.get(keyOf(record)) === record.version;
    // An older docx no one received (a sheet regenerated at each registration) is a draft, not proof.
    if (!latest && isConvertible(record) && !record.hasPdf) return [];
    const name = isConvertible(record) ? record.filename.replace(/\.docx$/, '.pdf') : record.filename;
    const dot = name.lastIndexOf('.');
    const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let path = latest ? `${folder}/${name}` : `${folder}/versions/${base}-v${record.version}${extension}`;
    // Two participants with the same name get certificates with the same file name.
    if (taken.has(path)) path = path.replace(/(\.[a-z]+)?$/, `-${record.documentId.slice(0, 8)}$1`);
    taken.add(path);
    return [{ path, record, latest }];
  });
}

export class PdfUnavailableError extends Error {}

/**
 * Seals the PDFs the bundle needs before its first byte is sent: a conversion that fails then
 * fails the request with a clear answer, not a truncated download.
 */
export async function preparePdfs(
  db: CommonQueryMethods,
  audit: MissionAudit,
  rendering: PdfRendering | undefined,
): Promise<void> {
  if (!rendering) return;
  for (const { record } of planDocuments(audit)) {
    if (!isConvertible(record) || record.hasPdf) continue;
    const document = await findDocument(db, record.documentId);
    if (!document) continue;
    try {
      await sealedPdfOf(db, rendering, document);
    } catch (error) {
      throw new PdfUnavailableError(
        `the PDF of ${record.filename} (document ${record.documentId}) could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The ZIP as a stream; documents are read one at a time while it is consumed. */
export function auditBundle(
  db: CommonQueryMethods,
  audit: MissionAudit,
  extracts: Extract[],
  scope: { sessionId: string | null; generatedAt: Date },
): Readable {
  const output = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) output.destroy(error);
    else {
      output.write(chunk);
      if (final) output.end();
    }
  });
  const files: ManifestFile[] = [];
  const add = async (file: Omit<ManifestFile, 'sha256' | 'size'>, bytes: Uint8Array, compress: boolean) => {
    const entry = compress ? new ZipDeflate(file.path, { level: 6 }) : new ZipPassThrough(file.path);
    entry.mtime = scope.generatedAt;
    zip.add(entry);
    entry.push(bytes, true);
    files.push({ ...file, sha256: sha256(bytes), size: bytes.byteLength });
    if (output.writableNeedDrain) await once(output, 'drain');
  };
  const generated = (path: string, kind: string) => ({
    path,
    kind,
    documentId: null,
    version: null,
    organisationSettingsVersion: null,
    catalogueOfferId: null,
    catalogueVersion: null,
    form: 'generated' as const,
    sourceSha256: null,
    latest: true,
  });
  const report: AuditReport = auditReport(audit, scope.sessionId);

  async function write(): Promise<void> {
    for (const { path, record, latest } of planDocuments(audit)) {
      const document = await findDocument(db, record.documentId);
      if (!document) continue;
      const pdf = isConvertible(document) ? await findSealedPdf(db, document.documentId) : null;
      const form = pdf ? 'sealedPdf' : isConvertible(document) ? 'docx' : 'upload';
      const bytes = pdf?.bytes ?? document.bytes;
      await add(
        {
          path: pdf || !isConvertible(document) ? path : path.replace(/\.pdf$/, '.docx'),
          kind: record.kind,
          documentId: record.documentId,
          version: record.version,
          organisationSettingsVersion: record.organisationSettingsVersion,
          catalogueOfferId: record.catalogueOfferId,
          catalogueVersion: record.catalogueVersion,
          form,
          sourceSha256: record.checksum,
          latest,
        },
        bytes,
        form !== 'sealedPdf' && !document.contentType.startsWith('image/'),
      );
    }
    for (const extract of extracts) {
      await add(generated(`extraits/${extract.name}.csv`, 'extract'), Buffer.from(extractCsv(extract)), true);
      await add(
        generated(`extraits/${extract.name}.json`, 'extract'),
        Buffer.from(extractJson(extract)),
        true,
      );
    }
    await add(
      generated('rapport-coherence.json', 'consistencyReport'),
      Buffer.from(`${JSON.stringify(report, null, 2)}\n`),
      true,
    );
    const manifest: Manifest = {
      missionId: audit.mission.missionId,
      sessionId: scope.sessionId,
      generatedAt: scope.generatedAt.toISOString(),
      consistent: report.consistent,
      files: [...files],
    };
    await add(
      generated('index.html', 'index'),
      Buffer.from(indexPage(audit, report, manifest, extracts)),
      true,
    );
    // The manifest lists every other file, the index page included; it cannot list itself.
    const manifestBytes = Buffer.from(`${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
    const entry = new ZipDeflate('manifest.json', { level: 6 });
    entry.mtime = scope.generatedAt;
    zip.add(entry);
    entry.push(manifestBytes, true);
    zip.end();
  }

  write().catch((error: unknown) =>
    output.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return output;
}
