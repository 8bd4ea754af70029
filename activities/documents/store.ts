/** Generated documents in Postgres: every version kept, with its checksum and how long to keep it. */
import { createHash } from 'node:crypto';
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type StoredDocument,
} from '../../workflows/messages/documents.ts';
import type { OfferRef } from '../../workflows/messages/domain.ts';
import {
  CERTIFICATE_PROOF_RETENTION_YEARS,
  certificateRetainUntil,
} from '../../workflows/rules/certificates.ts';
import { zonedDate } from '../../workflows/rules/zoned-time.ts';

/** What a document is of: regenerating it for the same key makes a new version, not a new document. */
export interface DocumentKey {
  missionId: string;
  sessionId: string | null;
  participantId: string | null;
  kind: DocumentKind;
}

export interface BuiltDocument {
  kind: DocumentKind;
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** The organisation settings it was built from; none for what people upload. */
  organisationSettingsVersion?: number;
  /** The catalogue version it describes the session's offer by (issue #15); none for uploads. */
  catalogueOffer?: OfferRef;
}

/**
 * How many years funders may audit each kind (DESIGN.md §5), from the day stored; a certificate's
 * from the end of its year, as its own text promises (workflows/rules/certificates.ts). Co-financed actions (10 years) are
 * not told apart yet: nothing in a document request says a funding is co-financed.
 */
export type RetentionPolicy = Record<DocumentKind, number>;

export const DEFAULT_RETENTION_YEARS: RetentionPolicy = {
  attendanceSheet: 6,
  signedAttendanceSheet: 6,
  certificate: CERTIFICATE_PROOF_RETENTION_YEARS,
  // The proof that the provider handed the trainee what L6353-1 requires, kept as the sheets are.
  endOfTrainingAttestation: 6,
  quote: 6,
  agreement: 6,
  trainingContract: 6,
  programme: 6,
  // Invoices are accounting records: 10 years (Code de commerce, art. L123-22).
  selfBillingInvoice: 10,
  clientInvoice: 10,
  supplierInvoice: 10,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const documentRow = z.object({
  documentId: z.string(),
  missionId: z.string(),
  sessionId: z.string().nullable(),
  participantId: z.string().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  version: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  checksum: z.string(),
  createdAt: z.string(),
  retainUntil: z.string(),
  organisationSettingsVersion: z.number().int().nullable(),
  catalogueOffer: z.object({ offerId: z.string(), version: z.number().int() }).nullable(),
});

export type DocumentRecord = z.infer<typeof documentRow>;

const documentWithContentRow = documentRow.extend({ bytes: z.instanceof(Buffer) });

export type DocumentWithContent = z.infer<typeof documentWithContentRow>;

const columns = sql.fragment`
  d.id::text as "documentId", d.mission_id::text as "missionId", d.session_id::text as "sessionId",
  d.participant_id as "participantId", d.kind, d.version, d.filename, d.content_type as "contentType",
  d.byte_size as "byteSize", d.checksum, d.created_at as "createdAt", d.retain_until as "retainUntil",
  d.organisation_settings_version as "organisationSettingsVersion",
  case when d.catalogue_offer_id is null then null
    else json_build_object('offerId', d.catalogue_offer_id::text, 'version', d.catalogue_version) end as "catalogueOffer"`;

/**
 * The very expressions of the unique index, constants written in the text (a bound parameter
 * would not match the index), so that "latest of a key" is an index scan.
 */
function keyCondition(key: DocumentKey) {
  return sql.fragment`
    d.mission_id = ${key.missionId}
    and coalesce(d.session_id, '00000000-0000-0000-0000-000000000000'::uuid)
      = coalesce(${key.sessionId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
    and coalesce(d.participant_id, '') = coalesce(${key.participantId}::text, '')
    and d.kind = ${key.kind}`;
}

/**
 * Stores a document under its key. The same bytes as the latest version return that version,
 * so a retried activity stores once; other bytes become the next version.
 */
export async function storeDocument(
  db: CommonQueryMethods,
  key: DocumentKey,
  built: BuiltDocument,
  retentionYears: RetentionPolicy = DEFAULT_RETENTION_YEARS,
): Promise<StoredDocument> {
  if (built.kind !== key.kind) throw new TypeError(`a ${built.kind} cannot be stored as a ${key.kind}`);
  const checksum = createHash('sha256').update(built.bytes).digest('hex');
  const certificateUntil =
    key.kind === 'certificate'
      ? certificateRetainUntil(zonedDate(new Date(), 'Europe/Paris'), retentionYears.certificate)
      : null;
  return db.transaction(async (tx) => {
    // Two attempts storing the same key at once would both read version N and collide on N + 1.
    const lock = [key.missionId, key.sessionId ?? '', key.participantId ?? '', key.kind].join('/');
    await tx.query(sql.unsafe`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`);
    const latest = await latestDocument(tx, key);
    if (latest?.checksum === checksum) return toStoredDocument(latest);
    const stored = await tx.one(sql.type(documentRow)`
      with inserted as (
        insert into documents (mission_id, session_id, participant_id, kind, version, filename, content_type,
                               byte_size, checksum, content, retain_until, organisation_settings_version,
                               catalogue_offer_id, catalogue_version)
        values (${key.missionId}, ${key.sessionId}, ${key.participantId}, ${key.kind}, ${(latest?.version ?? 0) + 1},
                ${built.filename}, ${built.contentType}, ${built.bytes.byteLength}, ${checksum},
                ${sql.binary(built.bytes)},
                coalesce(${certificateUntil}::date,
                  ((now() at time zone 'Europe/Paris')::date + make_interval(years => ${retentionYears[key.kind]}))::date),
                ${built.organisationSettingsVersion ?? null},
                ${built.catalogueOffer?.offerId ?? null}, ${built.catalogueOffer?.version ?? null})
        returning *
      )
      select ${columns} from inserted d`);
    return toStoredDocument(stored);
  });
}

/**
 * Removes an upload the workflow refused, so refused files are not kept for years. The callers
 * check acceptance before storing, so this only happens when the workflow changed its mind in
 * between; the version number it held is then skipped.
 */
export async function discardDocument(db: CommonQueryMethods, documentId: string): Promise<void> {
  await db.query(sql.unsafe`delete from documents where id = ${documentId}`);
}

export async function latestDocument(
  db: CommonQueryMethods,
  key: DocumentKey,
): Promise<DocumentRecord | null> {
  return db.maybeOne(sql.type(documentRow)`
    select ${columns} from documents d where ${keyCondition(key)} order by d.version desc limit 1`);
}

/** A document and its bytes; null for an unknown id, including one that is not a uuid. */
export async function findDocument(
  db: CommonQueryMethods,
  documentId: string,
): Promise<DocumentWithContent | null> {
  if (!UUID.test(documentId)) return null;
  return db.maybeOne(sql.type(documentWithContentRow)`
    select ${columns}, d.content as bytes from documents d where d.id = ${documentId}`);
}

/** What the workflow gets back: small, no bytes (they stay out of workflow history). */
function toStoredDocument(record: DocumentRecord): StoredDocument {
  return {
    documentId: record.documentId,
    kind: record.kind,
    version: record.version,
    filename: record.filename,
    contentType: record.contentType,
    byteSize: record.byteSize,
    checksum: record.checksum,
  };
}
