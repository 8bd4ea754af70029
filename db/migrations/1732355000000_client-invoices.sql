-- Up Migration

-- Invoices to clients and, under subrogation, to the OPCOs funding them (issue #19 item 3): one
-- per session and payer. Their own continuous series per year ("F-2027", counters in
-- invoice_series beside self-billing's "AF-2027"): the counter row is locked, the number taken,
-- the document and this row written in one transaction, so a build that fails gives the number
-- back and a number is never used twice nor skipped (CGI annex II art. 242 nonies A I 7°).
create table client_invoices (
  session_id uuid not null,
  payer text not null check (payer in ('funder', 'client')),
  series text not null references invoice_series (series),
  number integer not null check (number >= 1),
  invoice_number text not null unique,
  mission_id uuid not null,
  issued_on date not null,
  net_cents integer not null check (net_cents > 0),
  gross_cents integer not null check (gross_cents >= net_cents),
  document_id uuid not null references documents (id),
  created_at timestamptz not null default now(),
  primary key (session_id, payer),
  unique (series, number)
);
create index client_invoices_mission_idx on client_invoices (mission_id);

-- The Factur-X XML of an invoice document (client, funder or self-billing): embedded in its PDF
-- when the PDF is made, so what the buyer's software reads is what the page shows.
create table einvoice_documents (
  document_id uuid primary key references documents (id) on delete cascade,
  profile text not null,
  xml text not null
);

-- Who an invoice is addressed to when the service has no address for them: a client named by
-- a mission ('client:' || its name) and the OPCO of a company ('opco:' || its SIREN). Without a
-- row the invoice is not issued and the billing e-mail says what is missing.
create table billing_parties (
  party_key text primary key,
  legal_name text not null,
  address_line text not null,
  postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
  city text not null,
  country text not null default 'FR' check (country ~ '^[A-Z]{2}$'),
  siren text check (siren ~ '^[0-9]{9}$'),
  vat_number text,
  updated_at timestamptz not null default now()
);

-- Down Migration
drop table billing_parties;
drop table einvoice_documents;
drop table client_invoices;
