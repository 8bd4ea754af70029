-- Up Migration

-- Who changed a client's settings, to what, and when (DESIGN.md §5: every state change leaves an
-- audit event). audit_events belongs to missions; a client's settings outlive any one mission.
create table client_settings_changes (
  id bigint generated always as identity primary key,
  client_name text not null,
  manager_silence text not null,
  changed_by text not null,
  changed_at timestamptz not null default now()
);
create index client_settings_changes_client on client_settings_changes (client_name, changed_at);

-- Down Migration
drop table client_settings_changes;
