-- Up Migration

-- What a generated document states (title, first and last day, hours), from the data it was
-- built from: the audit's consistency check (workflows/rules/audit-consistency.ts) compares the
-- agreement, programme, certificates and invoices with the session without reading the files.
-- Written once per document version by the activity that built it; documents built before
-- this table, and uploads, have none.
create table document_claims (
  document_id uuid primary key references documents (id) on delete cascade,
  title text,
  from_date date,
  to_date date,
  hours numeric(7, 2) check (hours >= 0)
);

-- Down Migration
drop table document_claims;
