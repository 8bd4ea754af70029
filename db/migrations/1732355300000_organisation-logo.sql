-- Up Migration

-- The organisation's logo (issue #15 item 9), shown at the top of every e-mail: stored and
-- versioned as the stamp is, byte for byte, so a settings version still names the logo it had.
alter table organisation_files drop constraint organisation_files_kind_check;
alter table organisation_files add constraint organisation_files_kind_check
  check (kind in ('signature', 'stamp', 'internalRules', 'generalTerms', 'logo'));
alter table organisation_settings add column logo_file_id uuid references organisation_files (id);

-- Down Migration
alter table organisation_settings drop column logo_file_id;
delete from organisation_files where kind = 'logo';
alter table organisation_files drop constraint organisation_files_kind_check;
alter table organisation_files add constraint organisation_files_kind_check
  check (kind in ('signature', 'stamp', 'internalRules', 'generalTerms'));
