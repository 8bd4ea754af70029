-- Up Migration

-- The facilitator directory: Postgres is its system of record (workflows carry a copy of what a
-- rule needed when it ran). `id` is the person's id in the association's directory, the subject
-- of their bearer tokens, so it is chosen by staff, not generated.
create table facilitators (
  id text primary key,
  first_name text not null,
  last_name text not null,
  -- Stored lower-cased so that equality, search and the unique index agree on one spelling.
  email text not null check (email = lower(email)),
  country text not null check (country ~ '^[A-Z]{2}$'),
  training_provider_number text,
  compliance_checked_on date,
  compliant_until date,
  employer text,
  manager_email text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A compliance check always comes with the date it lapses, and cannot lapse before it was made.
  constraint facilitators_compliance_dates_check check (
    (compliance_checked_on is null) = (compliant_until is null)
    and (compliant_until is null or compliant_until >= compliance_checked_on)
  )
);
create unique index facilitators_email_key on facilitators (lower(email));
-- Lists are alphabetical and paged by keyset on exactly this key.
create index facilitators_name_idx on facilitators (lower(last_name), lower(first_name), id);

-- Down Migration
drop table facilitators;
