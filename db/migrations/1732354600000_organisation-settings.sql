-- Up Migration

-- The organisation's images and texts (signature, stamp, internal rules, general terms), kept
-- byte for byte: a settings version names the files it holds, and an issued document may be
-- checked against them for as long as it is kept.
create table organisation_files (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('signature', 'stamp', 'internalRules', 'generalTerms')),
  content_type text not null,
  byte_size integer not null,
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_at timestamptz not null default now(),
  uploaded_by text not null,
  check (byte_size = octet_length(content))
);

-- The organisation's identity (issue #15): each change by staff is a new version, never an edit,
-- so a document records the version it was built from and that version still says what it said.
create table organisation_settings (
  version integer primary key check (version >= 1),
  settings jsonb not null,
  signature_file_id uuid references organisation_files (id),
  stamp_file_id uuid references organisation_files (id),
  internal_rules_file_id uuid references organisation_files (id),
  general_terms_file_id uuid references organisation_files (id),
  -- Version 1 is the install's placeholders: documents work on a fresh stack, and staff see that
  -- the details are not theirs yet.
  placeholder boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text not null
);

create function organisation_settings_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'organisation settings versions are never changed: write a new version';
end $$;
create trigger organisation_settings_immutable before update or delete on organisation_settings
  for each row execute function organisation_settings_immutable();

insert into organisation_settings (version, settings, placeholder, created_by) values (1, $json${
  "legalName": "Association des Animateur·ices",
  "address": "12 rue de la République, 69002 Lyon",
  "city": "Lyon",
  "siret": "80123456800005",
  "vatNumber": "FR66801234568",
  "vatExemption": "TVA non applicable, art. 261-4-4° du CGI",
  "trainingProviderNumber": "84691234569",
  "trainingProviderRegion": "Auvergne-Rhône-Alpes",
  "qualiopiCertificate": null,
  "signatory": { "name": "Claire Martin", "title": "présidente" },
  "disabilityContact": { "name": "Claire Martin", "email": "handicap@example.org", "phone": null },
  "paymentTermDays": 30,
  "email": {
    "senderName": "Association des Animateur·ices",
    "replyTo": null,
    "signature": { "fr": "L'équipe des missions", "en": "The missions team" }
  }
}$json$, true, 'install');

-- Which settings a generated document was built from; null for uploads (a provider's invoice, a
-- signed sheet), which the organisation did not write. Documents generated before this column
-- were built from the constants version 1 holds.
alter table documents add column organisation_settings_version integer references organisation_settings (version);
update documents set organisation_settings_version = 1
  where kind in ('attendanceSheet', 'certificate', 'quote', 'agreement', 'programme', 'selfBillingInvoice');

-- Down Migration
alter table documents drop column organisation_settings_version;
drop table organisation_settings;
drop function organisation_settings_immutable();
drop table organisation_files;
