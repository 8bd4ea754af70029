/** The training catalogue: offers (catalogue_offers) and their versions (catalogue_offer_versions). */
import { type CommonQueryMethods, type DatabaseTransactionConnection, sql } from 'slonik';
import { z } from 'zod';
import type { SessionKind } from '../../workflows/messages/domain.ts';
import type { OfferContent, TrainingOffer } from '../../workflows/rules/catalogue.ts';
import type { DatabasePool } from '../pool.ts';

const offerRow = z.object({
  offerId: z.string(),
  version: z.number().int(),
  placeholder: z.boolean(),
  content: z.custom<OfferContent & { versionDate: string }>(
    (value) => typeof value === 'object' && value !== null,
  ),
});

const toOffer = (row: z.infer<typeof offerRow>): TrainingOffer => ({
  ...row.content,
  offerId: row.offerId,
  version: row.version,
  placeholder: row.placeholder,
});

const selectOffer = sql.fragment`
  select v.offer_id::text as "offerId", v.version, v.placeholder, v.content
  from catalogue_offer_versions v`;

/** An offer's version as it was written; null when there is no such version. */
export async function offerVersion(
  db: CommonQueryMethods,
  offerId: string,
  version: number,
): Promise<TrainingOffer | null> {
  const row = await db.maybeOne(
    sql.type(offerRow)`${selectOffer} where v.offer_id::text = ${offerId} and v.version = ${version}`,
  );
  return row && toOffer(row);
}

/** An offer's newest version, which a session planned now delivers; null for an unknown offer. */
export async function latestOfferVersion(
  db: CommonQueryMethods,
  offerId: string,
): Promise<TrainingOffer | null> {
  const row = await db.maybeOne(
    sql.type(offerRow)`${selectOffer} where v.offer_id::text = ${offerId} order by v.version desc limit 1`,
  );
  return row && toOffer(row);
}

/** The install's offer of a kind, newest version: the migration writes one of each kind. */
export async function starterOffer(db: CommonQueryMethods, kind: SessionKind): Promise<TrainingOffer> {
  return toOffer(
    await db.one(sql.type(offerRow)`${selectOffer}
      join catalogue_offers o on o.offer_id = v.offer_id
      where o.starter and o.kind = ${kind} order by v.version desc limit 1`),
  );
}

const summaryRow = z.object({
  offerId: z.string(),
  kind: z.enum(['workshop', 'training']),
  title: z.string(),
  trainingAction: z.boolean(),
  durationHours: z.number(),
  priceCents: z.number().int(),
  version: z.number().int(),
  versionDate: z.string(),
  placeholder: z.boolean(),
  starter: z.boolean(),
  retiredAt: z.string().nullable(),
});
export type OfferSummary = z.infer<typeof summaryRow>;

const iso = (column: ReturnType<typeof sql.identifier>) =>
  sql.fragment`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Every offer with its newest version, retired ones included when asked, by kind then title. */
export async function listOffers(
  db: CommonQueryMethods,
  options: { includeRetired: boolean },
): Promise<readonly OfferSummary[]> {
  return db
    .any(sql.type(summaryRow)`
    select distinct on (o.offer_id) o.offer_id::text as "offerId", o.kind, v.content->>'title' as title,
      (v.content->>'trainingAction')::boolean as "trainingAction",
      (v.content->>'durationHours')::float8 as "durationHours", (v.content->>'priceCents')::integer as "priceCents",
      v.version, v.content->>'versionDate' as "versionDate", v.placeholder, o.starter,
      ${iso(sql.identifier(['o', 'retired_at']))} as "retiredAt"
    from catalogue_offers o join catalogue_offer_versions v on v.offer_id = o.offer_id
    ${options.includeRetired ? sql.fragment`` : sql.fragment`where o.retired_at is null`}
    order by o.offer_id, v.version desc`)
    .then((rows) =>
      [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'fr')),
    );
}

const historyRow = z.object({
  version: z.number().int(),
  versionDate: z.string(),
  placeholder: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type OfferVersionSummary = z.infer<typeof historyRow>;

export interface OfferRecord {
  offer: TrainingOffer;
  starter: boolean;
  retiredAt: string | null;
  versions: readonly OfferVersionSummary[];
}

/** An offer's newest version, whether it is retired, and every version newest first. */
export async function offerRecord(db: CommonQueryMethods, offerId: string): Promise<OfferRecord | null> {
  const head = await db.maybeOne(sql.type(
    z.object({ starter: z.boolean(), retiredAt: z.string().nullable() }),
  )`
    select starter, ${iso(sql.identifier(['retired_at']))} as "retiredAt"
    from catalogue_offers where offer_id::text = ${offerId}`);
  const offer = head && (await latestOfferVersion(db, offerId));
  if (!head || !offer) return null;
  const versions = await db.any(sql.type(historyRow)`
    select version, content->>'versionDate' as "versionDate", placeholder,
      ${iso(sql.identifier(['created_at']))} as "createdAt", created_by as "createdBy"
    from catalogue_offer_versions where offer_id::text = ${offerId} order by version desc`);
  return { offer, starter: head.starter, retiredAt: head.retiredAt, versions };
}

/** Today in Europe/Paris, the date the programme prints as its version's: the server's, never the writer's. */
const versionDate = sql.fragment`to_char(now() at time zone 'Europe/Paris', 'YYYY-MM-DD')`;

/** A new offer, version 1. */
export async function createOffer(
  pool: DatabasePool,
  content: OfferContent,
  by: string,
): Promise<TrainingOffer> {
  return pool.transaction(async (tx) => {
    const offerId = await tx.oneFirst(sql.type(z.object({ id: z.string() }))`
      insert into catalogue_offers (kind, created_by) values (${content.kind}, ${by}) returning offer_id::text as id`);
    return insertVersion(tx, offerId, 1, content, by);
  });
}

export type OfferChange =
  | { outcome: 'changed' | 'unchanged'; offer: TrainingOffer }
  | { outcome: 'notFound' }
  | { outcome: 'kindChanged'; kind: SessionKind };

/**
 * Writes the content as the offer's next version. The same content as the newest version (its
 * date aside) writes nothing, so a retried PUT leaves one version; staff sending a starter's
 * sample texts back make them theirs, a version that is no placeholder.
 */
export async function changeOffer(
  pool: DatabasePool,
  offerId: string,
  content: OfferContent,
  by: string,
): Promise<OfferChange> {
  return pool.transaction(async (tx) => {
    const kind = await tx.maybeOneFirst(sql.type(z.object({ kind: z.enum(['workshop', 'training']) }))`
      select kind from catalogue_offers where offer_id::text = ${offerId} for update`);
    if (!kind) return { outcome: 'notFound' };
    if (kind !== content.kind) return { outcome: 'kindChanged', kind };
    const current = await latestOfferVersion(tx, offerId);
    if (!current) return { outcome: 'notFound' };
    const { offerId: _id, version: _version, placeholder, versionDate: _date, ...written } = current;
    const same = await tx.oneFirst(
      sql.type(
        z.object({ same: z.boolean() }),
      )`select ${sql.jsonb(written as never)} = ${sql.jsonb(content as never)} as same`,
    );
    if (same && !placeholder) return { outcome: 'unchanged', offer: current };
    return { outcome: 'changed', offer: await insertVersion(tx, offerId, current.version + 1, content, by) };
  });
}

/** Retires an offer: it is no longer offered when planning. False when there is no such offer. */
export async function retireOffer(pool: DatabasePool, offerId: string, by: string): Promise<boolean> {
  const row = await pool.maybeOne(sql.unsafe`
    update catalogue_offers set retired_at = coalesce(retired_at, now()), retired_by = coalesce(retired_by, ${by})
    where offer_id::text = ${offerId} returning offer_id`);
  return row !== null;
}

/** Whether an offer is retired; null for an unknown offer. */
export async function offerRetired(db: CommonQueryMethods, offerId: string): Promise<boolean | null> {
  return db.maybeOneFirst(sql.type(z.object({ retired: z.boolean() }))`
    select retired_at is not null as retired from catalogue_offers where offer_id::text = ${offerId}`);
}

async function insertVersion(
  tx: DatabaseTransactionConnection,
  offerId: string,
  version: number,
  content: OfferContent,
  by: string,
): Promise<TrainingOffer> {
  await tx.query(sql.unsafe`
    insert into catalogue_offer_versions (offer_id, version, content, created_by)
    values (${offerId}, ${version}, ${sql.jsonb(content as never)} || jsonb_build_object('versionDate', ${versionDate}), ${by})`);
  const written = await offerVersion(tx, offerId, version);
  if (!written) throw new Error(`offer ${offerId} version ${version} was not written`);
  return written;
}
