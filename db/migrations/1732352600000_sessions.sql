-- Up Migration

alter table missions add column cancellation_reason text;
-- Planned vs ordered per kind, as the workflow computed it with the version it projected.
alter table missions add column counters jsonb not null default '[]'::jsonb;

create table sessions (
  id uuid primary key,
  mission_id uuid not null references missions (id) on delete cascade,
  kind text not null check (kind in ('workshop', 'training')),
  title text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location jsonb not null,
  language text not null,
  time_zone text not null,
  capacity integer not null,
  other_facilitators integer not null,
  status text not null check (status in ('planned', 'running', 'ended', 'cancelled')),
  cancellation_reason text,
  check (ends_at > starts_at)
);
create index sessions_mission_idx on sessions (mission_id, starts_at);

-- Down Migration
drop table sessions;
alter table missions drop column counters;
alter table missions drop column cancellation_reason;
