-- Up Migration

-- What self-billing needs from the directory. A provider is self-billed only with a signed
-- mandate on file, in France, with the SIRET and address the invoice must name.
alter table facilitators
  add column billing_name text,
  add column billing_address text,
  add column siret text check (siret ~ '^[0-9]{14}$'),
  add column vat_number text,
  -- null: VAT franchise (art. 293 B du CGI), the invoice charges no VAT.
  add column vat_rate_percent numeric(4, 2) check (vat_rate_percent >= 0 and vat_rate_percent < 100),
  add column self_billing_mandate_signed_on date;

-- What the association pays per session, by kind and role; staff keep it current. A payout is
-- priced when it starts, so a later change does not reprice what was already requested.
create table payout_rates (
  session_kind text not null check (session_kind in ('workshop', 'training')),
  role text not null check (role in ('lead', 'co_facilitator', 'coordination')),
  amount_cents integer not null check (amount_cents >= 0),
  updated_at timestamptz not null default now(),
  primary key (session_kind, role)
);
insert into payout_rates (session_kind, role, amount_cents) values
  ('workshop', 'lead', 25000),
  ('workshop', 'co_facilitator', 20000),
  ('workshop', 'coordination', 5000),
  ('training', 'lead', 60000),
  ('training', 'co_facilitator', 45000),
  ('training', 'coordination', 10000);

-- Self-billing invoice numbers: one continuous series per year. The counter row is locked while
-- a number is taken and the invoice row written in the same transaction, so a number is used
-- exactly once or not at all: no gaps, no duplicates, whatever retries happen.
create table invoice_series (
  series text primary key,
  last_number integer not null check (last_number >= 0)
);

create table self_billing_invoices (
  -- One invoice per payout: a retried activity finds it instead of numbering again.
  payout_id uuid primary key,
  series text not null references invoice_series (series),
  number integer not null check (number >= 1),
  invoice_number text not null unique,
  mission_id uuid not null,
  provider_id text not null,
  issued_on date not null,
  total_cents integer not null,
  document_id uuid,
  created_at timestamptz not null default now(),
  unique (series, number)
);

-- Read model of each provider's payout, written by its workflow (version-guarded).
create table provider_payouts (
  payout_id uuid primary key,
  mission_id uuid not null,
  request_id text not null,
  provider_id text not null,
  provider_name text not null,
  channel text check (channel in ('self_billing', 'supplier_invoice')),
  supplier_invoice_reason text,
  status text not null check (status in ('pricing', 'invoiced', 'awaiting_invoice', 'invoice_received', 'paid')),
  lines jsonb not null,
  total_cents integer,
  invoice_number text,
  invoice_document_id uuid,
  supplier_invoice_document_id uuid,
  requested_at timestamptz not null,
  invoice_requested_at timestamptz,
  invoice_reminders_sent integer not null default 0,
  staff_alerted boolean not null default false,
  invoice_received_at timestamptz,
  paid_at date,
  version integer not null
);
create index provider_payouts_mission_idx on provider_payouts (mission_id, requested_at);
create index provider_payouts_status_idx on provider_payouts (status, requested_at);

-- The mission's payout items, checklist and closure, as its workflow last projected them.
alter table missions add column settlement jsonb not null default '{}'::jsonb;

-- Down Migration
alter table missions drop column settlement;
drop table provider_payouts;
drop table self_billing_invoices;
drop table invoice_series;
drop table payout_rates;
alter table facilitators
  drop column billing_name,
  drop column billing_address,
  drop column siret,
  drop column vat_number,
  drop column vat_rate_percent,
  drop column self_billing_mandate_signed_on;
