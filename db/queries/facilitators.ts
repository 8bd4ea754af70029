/** Typed reads and writes of the facilitator directory. */
import { type CommonQueryMethods, sql, UniqueIntegrityConstraintViolationError } from 'slonik';
import { z } from 'zod';
import { TRAINING_PROVIDER_NUMBER_PATTERN } from '../../workflows/rules/compliance.ts';

const facilitatorRow = z.object({
  facilitatorId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  country: z.string(),
  trainingProviderNumber: z.string().nullable(),
  complianceCheckedOn: z.string().nullable(),
  compliantUntil: z.string().nullable(),
  employer: z.string().nullable(),
  managerEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type FacilitatorRecord = z.infer<typeof facilitatorRow>;

export type NewFacilitator = Omit<FacilitatorRecord, 'createdAt' | 'updatedAt'>;
export type FacilitatorPatch = Partial<Omit<NewFacilitator, 'facilitatorId'>>;

/** Which unique key a write collided with: the caller answers 409 and says which. */
export type DuplicateField = 'id' | 'email';

export type InsertFacilitatorResult =
  | { outcome: 'created'; facilitator: FacilitatorRecord }
  | { outcome: 'duplicate'; field: DuplicateField };

export type UpdateFacilitatorResult =
  | { outcome: 'updated'; facilitator: FacilitatorRecord }
  | { outcome: 'not_found' }
  | { outcome: 'duplicate'; field: DuplicateField };

const columns = sql.fragment`
  f.id as "facilitatorId", f.first_name as "firstName", f.last_name as "lastName", f.email, f.country,
  f.training_provider_number as "trainingProviderNumber", f.compliance_checked_on as "complianceCheckedOn",
  f.compliant_until as "compliantUntil", f.employer, f.manager_email as "managerEmail",
  f.created_at as "createdAt", f.updated_at as "updatedAt"`;

const DUPLICATE_FIELD_OF_CONSTRAINT: Record<string, DuplicateField> = {
  facilitators_pkey: 'id',
  facilitators_email_key: 'email',
};

/**
 * Runs a write in its own transaction (a savepoint when `db` is already one), so a unique
 * violation leaves the caller's transaction usable and comes back as a value.
 */
async function catchingDuplicates<T>(
  db: CommonQueryMethods,
  write: (tx: CommonQueryMethods) => Promise<T>,
): Promise<T | { outcome: 'duplicate'; field: DuplicateField }> {
  try {
    return await db.transaction(write);
  } catch (error) {
    const field =
      error instanceof UniqueIntegrityConstraintViolationError && error.constraint
        ? DUPLICATE_FIELD_OF_CONSTRAINT[error.constraint]
        : undefined;
    if (field) return { outcome: 'duplicate', field };
    throw error;
  }
}

export async function insertFacilitator(
  db: CommonQueryMethods,
  facilitator: NewFacilitator,
): Promise<InsertFacilitatorResult> {
  return catchingDuplicates(db, async (tx) => ({
    outcome: 'created' as const,
    facilitator: await tx.one(sql.type(facilitatorRow)`
      with inserted as (
        insert into facilitators (id, first_name, last_name, email, country, training_provider_number,
                                  compliance_checked_on, compliant_until, employer, manager_email)
        values (${facilitator.facilitatorId}, ${facilitator.firstName}, ${facilitator.lastName},
                lower(${facilitator.email}), ${facilitator.country}, ${facilitator.trainingProviderNumber},
                ${facilitator.complianceCheckedOn}::date, ${facilitator.compliantUntil}::date,
                ${facilitator.employer}, ${facilitator.managerEmail})
        returning *
      )
      select ${columns} from inserted f`),
  }));
}

/** E-mails are stored lower-cased; the lookup is too, so case never hides a person. */
export async function findFacilitatorByEmail(
  db: CommonQueryMethods,
  email: string,
): Promise<FacilitatorRecord | null> {
  return db.maybeOne(
    sql.type(
      facilitatorRow,
    )`select ${columns} from facilitators f where lower(f.email) = ${email.toLowerCase()}`,
  );
}

export async function findFacilitator(
  db: CommonQueryMethods,
  facilitatorId: string,
  options: { forUpdate?: boolean } = {},
): Promise<FacilitatorRecord | null> {
  return db.maybeOne(sql.type(facilitatorRow)`
    select ${columns} from facilitators f where f.id = ${facilitatorId}
    ${options.forUpdate ? sql.fragment`for update` : sql.fragment``}`);
}

export interface FacilitatorFilter {
  /** Part of the first name, last name, full name or e-mail, whatever the case. */
  q?: string;
  /** Compliant (or not) on `today`, by the same rule as `checkCompliance`. */
  compliant?: boolean;
  /** YYYY-MM-DD in Europe/Paris: the database's own clock runs in another zone. */
  today: string;
  /** Keyset cursor: the sort key of the last row of the previous page. */
  after?: { lastName: string; firstName: string; facilitatorId: string };
  limit: number;
}

/** `%` and `_` in a search are letters the person typed, not wildcards. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

export async function listFacilitators(
  db: CommonQueryMethods,
  filter: FacilitatorFilter,
): Promise<readonly FacilitatorRecord[]> {
  const conditions = [sql.fragment`true`];
  if (filter.q) {
    const pattern = containing(filter.q.trim());
    conditions.push(sql.fragment`(
      f.first_name || ' ' || f.last_name ilike ${pattern} or f.last_name || ' ' || f.first_name ilike ${pattern}
      or f.email ilike ${pattern})`);
  }
  if (filter.compliant !== undefined) {
    // Mirrors checkCompliance so that the filter and each item's computed `compliance` agree.
    const compliant = sql.fragment`(
      coalesce(f.training_provider_number ~ ${TRAINING_PROVIDER_NUMBER_PATTERN}, false)
      and f.compliance_checked_on is not null
      and coalesce(f.compliant_until >= ${filter.today}::date, false))`;
    conditions.push(filter.compliant ? compliant : sql.fragment`not ${compliant}`);
  }
  if (filter.after) {
    conditions.push(sql.fragment`(lower(f.last_name), lower(f.first_name), f.id)
      > (lower(${filter.after.lastName}), lower(${filter.after.firstName}), ${filter.after.facilitatorId})`);
  }
  return db.any(sql.type(facilitatorRow)`
    select ${columns} from facilitators f
    where ${sql.join(conditions, sql.fragment` and `)}
    order by lower(f.last_name), lower(f.first_name), f.id
    limit ${filter.limit}`);
}

const COLUMN_OF_FIELD: Record<keyof FacilitatorPatch, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  country: 'country',
  trainingProviderNumber: 'training_provider_number',
  complianceCheckedOn: 'compliance_checked_on',
  compliantUntil: 'compliant_until',
  employer: 'employer',
  managerEmail: 'manager_email',
};

/** Changes only the fields present in `patch`; `null` clears a field. */
export async function updateFacilitator(
  db: CommonQueryMethods,
  facilitatorId: string,
  patch: FacilitatorPatch,
): Promise<UpdateFacilitatorResult> {
  const assignments = (Object.keys(COLUMN_OF_FIELD) as (keyof FacilitatorPatch)[])
    .filter((field) => patch[field] !== undefined)
    .map((field) => {
      const value = patch[field] ?? null;
      const column = sql.identifier([COLUMN_OF_FIELD[field]]);
      if (field === 'email') return sql.fragment`${column} = lower(${value})`;
      if (field === 'complianceCheckedOn' || field === 'compliantUntil')
        return sql.fragment`${column} = ${value}::date`;
      return sql.fragment`${column} = ${value}`;
    });
  return catchingDuplicates(db, async (tx) => {
    const facilitator = await tx.maybeOne(sql.type(facilitatorRow)`
      with updated as (
        update facilitators
        set ${sql.join([...assignments, sql.fragment`updated_at = now()`], sql.fragment`, `)}
        where id = ${facilitatorId}
        returning *
      )
      select ${columns} from updated f`);
    return facilitator ? { outcome: 'updated' as const, facilitator } : { outcome: 'not_found' as const };
  });
}
