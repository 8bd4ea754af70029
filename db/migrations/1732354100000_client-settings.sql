-- Up Migration

-- What a client chose, per client (missions name their client by its name). What a manager's
-- silence means at the approval deadline is the first such choice (DESIGN.md §5); a client
-- without a row follows the worker's default.
create table client_settings (
  client_name text primary key,
  manager_silence text not null check (manager_silence in ('wait', 'approve', 'refuse')),
  updated_at timestamptz not null default now(),
  updated_by text not null
);

-- The rule an automatic approval decision followed, recorded with it: {"means": …, "source": …}.
alter table session_invitations add column approval_rule jsonb;

-- Down Migration
alter table session_invitations drop column approval_rule;
drop table client_settings;
