/** The organisation's settings, one row per version (organisation_settings), and their files. */
import { createHash } from 'node:crypto';
import { type CommonQueryMethods, type DatabaseTransactionConnection, sql } from 'slonik';
import { z } from 'zod';
import {
  ORGANISATION_FILE_KINDS,
  type OrganisationFileKind,
  type OrganisationSettings,
} from '../../workflows/rules/organisation-settings.ts';
import type { DatabasePool } from '../pool.ts';

const fileRef = z.object({
  fileId: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  checksum: z.string(),
  uploadedAt: z.string(),
});
export type OrganisationFileRef = z.infer<typeof fileRef>;

const versionRow = z.object({
  version: z.number().int(),
  settings: z.custom<OrganisationSettings>((value) => typeof value === 'object' && value !== null),
  placeholder: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  files: z.object(
    Object.fromEntries(ORGANISATION_FILE_KINDS.map((kind) => [kind, fileRef.nullable()])) as Record<
      OrganisationFileKind,
      z.ZodNullable<typeof fileRef>
    >,
  ),
});
export type OrganisationSettingsVersion = z.infer<typeof versionRow>;

const FILE_COLUMN: Record<OrganisationFileKind, string> = {
  signature: 'signature_file_id',
  stamp: 'stamp_file_id',
  internalRules: 'internal_rules_file_id',
  generalTerms: 'general_terms_file_id',
  logo: 'logo_file_id',
};

const fileJson = (kind: OrganisationFileKind) => {
  const alias = sql.identifier([`f_${kind}`]);
  return sql.fragment`case when ${alias}.id is null then null else json_build_object(
    'fileId', ${alias}.id::text, 'contentType', ${alias}.content_type, 'byteSize', ${alias}.byte_size,
    'checksum', ${alias}.checksum, 'uploadedAt', to_char(${alias}.uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) end`;
};

const selectVersions = sql.fragment`
  select s.version, s.settings, s.placeholder, s.created_at as "createdAt", s.created_by as "createdBy",
    json_build_object(${sql.join(
      ORGANISATION_FILE_KINDS.map((kind) => sql.fragment`${sql.literalValue(kind)}::text, ${fileJson(kind)}`),
      sql.fragment`, `,
    )}) as files
  from organisation_settings s
  ${sql.join(
    ORGANISATION_FILE_KINDS.map(
      (kind) =>
        sql.fragment`left join organisation_files ${sql.identifier([`f_${kind}`])} on ${sql.identifier([`f_${kind}`])}.id = s.${sql.identifier([FILE_COLUMN[kind]])}`,
    ),
    sql.fragment` `,
  )}`;

/** The version documents are built from now. The migration writes version 1, so there always is one. */
export async function currentOrganisationSettings(
  db: CommonQueryMethods,
): Promise<OrganisationSettingsVersion> {
  return db.one(sql.type(versionRow)`${selectVersions} order by s.version desc limit 1`);
}

/** A version as it was written: versions are never changed, so this is what a document was built from. */
export async function organisationSettingsAt(
  db: CommonQueryMethods,
  version: number,
): Promise<OrganisationSettingsVersion> {
  return db.one(sql.type(versionRow)`${selectVersions} where s.version = ${version}`);
}

export async function listOrganisationSettingsVersions(
  db: CommonQueryMethods,
): Promise<
  readonly Pick<OrganisationSettingsVersion, 'version' | 'placeholder' | 'createdAt' | 'createdBy'>[]
> {
  return db.any(sql.type(
    versionRow.pick({ version: true, placeholder: true, createdAt: true, createdBy: true }),
  )`
    select version, placeholder, created_at as "createdAt", created_by as "createdBy"
    from organisation_settings order by version desc`);
}

/**
 * Writes the settings as a new version, keeping the current version's files. The same settings
 * as the current version write nothing, so a retried PUT leaves one version.
 */
export async function saveOrganisationSettings(
  pool: DatabasePool,
  settings: OrganisationSettings,
  by: string,
): Promise<OrganisationSettingsVersion> {
  return pool.transaction(async (tx) => {
    const current = await lockedCurrent(tx);
    const unchanged = await tx.oneFirst(
      sql.type(
        z.object({ same: z.boolean() }),
      )`select ${sql.jsonb(current.settings as never)} = ${sql.jsonb(settings as never)} as same`,
    );
    // Staff sending the sample values back make them theirs: a version that is no placeholder.
    if (unchanged && !current.placeholder) return current;
    return insertVersion(tx, current, { settings, by });
  });
}

/** Stores a file and writes a new version holding it; the same file again writes nothing. */
export async function saveOrganisationFile(
  pool: DatabasePool,
  file: { kind: OrganisationFileKind; contentType: string; bytes: Buffer },
  by: string,
): Promise<OrganisationSettingsVersion> {
  const checksum = createHash('sha256').update(file.bytes).digest('hex');
  return pool.transaction(async (tx) => {
    const current = await lockedCurrent(tx);
    if (current.files[file.kind]?.checksum === checksum) return current;
    const fileId = await tx.oneFirst(sql.type(z.object({ id: z.string() }))`
      insert into organisation_files (kind, content_type, byte_size, checksum, content, uploaded_by)
      values (${file.kind}, ${file.contentType}, ${file.bytes.byteLength}, ${checksum}, ${sql.binary(file.bytes)}, ${by})
      returning id::text as id`);
    return insertVersion(tx, current, { files: { [file.kind]: fileId }, by });
  });
}

export async function organisationFileContent(
  db: CommonQueryMethods,
  fileId: string,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  return db.maybeOne(sql.type(z.object({ contentType: z.string(), bytes: z.instanceof(Buffer) }))`
    select content_type as "contentType", content as bytes from organisation_files where id = ${fileId}`);
}

/**
 * The logo e-mails show, by its file id, for anyone: e-mail clients fetch it without credentials.
 * Only a logo: the signature and the stamp are never served this way.
 */
export async function organisationLogo(
  db: CommonQueryMethods,
  fileId: string,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  // Anyone may ask with any path: what is no file id is no logo, not a database error.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) return null;
  return db.maybeOne(sql.type(z.object({ contentType: z.string(), bytes: z.instanceof(Buffer) }))`
    select content_type as "contentType", content as bytes from organisation_files
    where kind = 'logo' and id = ${fileId}`);
}

/** Versions are numbered without gaps: writers queue on this lock rather than collide on a number. */
async function lockedCurrent(tx: DatabaseTransactionConnection): Promise<OrganisationSettingsVersion> {
  await tx.query(sql.unsafe`select pg_advisory_xact_lock(hashtextextended('organisation_settings', 0))`);
  return currentOrganisationSettings(tx);
}

async function insertVersion(
  tx: DatabaseTransactionConnection,
  current: OrganisationSettingsVersion,
  change: {
    settings?: OrganisationSettings;
    files?: Partial<Record<OrganisationFileKind, string>>;
    by: string;
  },
): Promise<OrganisationSettingsVersion> {
  const fileId = (kind: OrganisationFileKind) => change.files?.[kind] ?? current.files[kind]?.fileId ?? null;
  const version = current.version + 1;
  await tx.query(sql.unsafe`
    insert into organisation_settings (version, settings, signature_file_id, stamp_file_id,
      internal_rules_file_id, general_terms_file_id, logo_file_id, placeholder, created_by)
    values (${version}, ${sql.jsonb((change.settings ?? current.settings) as never)},
      ${fileId('signature')}, ${fileId('stamp')}, ${fileId('internalRules')}, ${fileId('generalTerms')},
      ${fileId('logo')},
      ${change.settings ? false : current.placeholder}, ${change.by})`);
  return organisationSettingsAt(tx, version);
}
