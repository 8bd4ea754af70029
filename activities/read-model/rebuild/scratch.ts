/**
 * The workflows' state is written by the projections' own upserts into temporary tables that
 * shadow the derived ones (Postgres looks up unqualified names in pg_temp first), then compared
 * with the real tables row by row and, for a rebuild, copied over them. The projection code is
 * the live one, so what the rebuild writes is what the projections would have written.
 */
import { type CommonQueryMethods, type DatabasePoolConnection, sql } from 'slonik';
import { z } from 'zod';
import { DERIVED_TABLES, type DerivedTable } from './tables.ts';

/** Where the real tables live, read before the temporary ones shadow them. */
export async function homeSchema(connection: DatabasePoolConnection): Promise<string> {
  return connection.oneFirst(sql.type(z.object({ schema: z.string() }))`select current_schema() as schema`);
}

/**
 * Emptied at every commit, so each mission starts from nothing. Only on a connection of the
 * rebuild's own: until dropScratchTables, every projection on it writes here.
 */
export async function createScratchTables(connection: DatabasePoolConnection, home: string): Promise<void> {
  // Left by a run whose connection went back to the pool without its clean-up.
  await dropScratchTables(connection);
  for (const table of DERIVED_TABLES) {
    await connection.query(sql.unsafe`
      create temporary table ${sql.identifier([table.name])}
      (like ${sql.identifier([home, table.name])} including all) on commit delete rows`);
  }
}

export async function dropScratchTables(connection: DatabasePoolConnection): Promise<void> {
  await connection.query(sql.unsafe`discard temp`);
}

/** The row as JSON, without what the read model does not keep up to date. */
const comparable = (table: DerivedTable) =>
  table.lagging.reduce(
    (json, path) => sql.fragment`${json} #- ${sql.array(path, 'text')}`,
    sql.fragment`(to_jsonb(t) - ${sql.array(table.unknowable, 'text')})`,
  );

const live = (home: string, table: DerivedTable) => sql.identifier([home, table.name]);
const scratch = (table: DerivedTable) => sql.identifier(['pg_temp', table.name]);

/** Rows the workflows cannot give back (their workflow is gone) are carried over as they are. */
export async function keepRows(
  tx: CommonQueryMethods,
  home: string,
  tableName: string,
  column: string,
  ids: readonly string[],
): Promise<void> {
  const table = DERIVED_TABLES.find((candidate) => candidate.name === tableName);
  if (!table || ids.length === 0) return;
  await tx.query(sql.unsafe`
    insert into ${scratch(table)} select * from ${live(home, table)} t
    where t.${sql.identifier([column])}::text = any(${sql.array(ids, 'text')})`);
}

export async function hasRow(
  tx: CommonQueryMethods,
  home: string,
  tableName: string,
  key: string,
): Promise<boolean> {
  const table = DERIVED_TABLES.find((candidate) => candidate.name === tableName);
  if (!table) throw new Error(`${tableName} is not a derived table`);
  const found = await tx.maybeOneFirst(sql.type(z.object({ found: z.boolean() }))`
    select true as found from ${live(home, table)} t where t.${sql.identifier([table.key])}::text = ${key}`);
  return found !== null;
}

const rowDifference = z.object({
  table: z.string(),
  key: z.string(),
  readModel: z.record(z.string(), z.unknown()).nullable(),
  workflow: z.record(z.string(), z.unknown()).nullable(),
});

export type RowDifference = z.infer<typeof rowDifference>;

/** Every row of the mission that differs between the read model and the workflows' projection. */
export async function rowDifferences(
  tx: CommonQueryMethods,
  home: string,
  missionId: string,
): Promise<RowDifference[]> {
  const perTable = DERIVED_TABLES.map((table) => {
    const rows = (source: ReturnType<typeof live>) => sql.fragment`
      select t.${sql.identifier([table.key])}::text as k, ${comparable(table)} as j
      from ${source} t where t.${sql.identifier([table.mission])} = ${missionId}`;
    return sql.fragment`
      select ${table.name}::text as table, coalesce(r.k, w.k) as key, r.j as "readModel", w.j as workflow
      from (${rows(live(home, table))}) r full join (${rows(scratch(table))}) w on r.k = w.k
      where r.j is distinct from w.j`;
  });
  const found = await tx.any(
    sql.type(rowDifference)`${sql.join(perTable, sql.fragment` union all `)} order by 1, 2`,
  );
  return [...found];
}

/** Replaces every derived row of the mission with the workflows' projection. */
export async function replaceWithScratch(
  tx: CommonQueryMethods,
  home: string,
  missionId: string,
): Promise<void> {
  for (const table of [...DERIVED_TABLES].reverse()) {
    const key = sql.identifier([table.key]);
    // By key too: a row filed under another mission by mistake would block the insert.
    const misfiled = table.keyIsUnique
      ? sql.fragment`or t.${key} in (select s.${key} from ${scratch(table)} s)`
      : sql.fragment``;
    await tx.query(sql.unsafe`
      delete from ${live(home, table)} t where t.${sql.identifier([table.mission])} = ${missionId} ${misfiled}`);
  }
  for (const table of DERIVED_TABLES) {
    await tx.query(sql.unsafe`insert into ${live(home, table)} select * from ${scratch(table)}`);
  }
}
