-- Up Migration

-- The read model of missions: the workflow owns process state, this table is its projection
-- for fast lists. `version` only grows, so a late or retried projection never overwrites a newer one.
create table missions (
  id uuid primary key,
  title text not null,
  client_name text not null,
  sector text not null check (sector in ('company', 'association', 'public_sector', 'education')),
  deal_type text not null check (deal_type in ('subcontracting', 'client_introduction')),
  coordinator_id text not null,
  coordinator_name text not null,
  coordinator_email text not null,
  status text not null,
  end_date date not null,
  next_deadline timestamptz,
  workflow_id text not null unique,
  version integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index missions_status_idx on missions (status, created_at desc);
create index missions_coordinator_idx on missions (coordinator_id, created_at desc);
create index missions_client_idx on missions (client_name, created_at desc);

create table order_lines (
  mission_id uuid not null references missions (id) on delete cascade,
  kind text not null check (kind in ('workshop', 'training')),
  position smallint not null,
  quantity integer not null check (quantity > 0),
  participants_per_session integer not null check (participants_per_session > 0),
  unit_price_cents integer not null check (unit_price_cents >= 0),
  primary key (mission_id, kind)
);

-- Who did what, when. `event_key` makes the write idempotent: a retried activity records once.
create table audit_events (
  id bigint generated always as identity primary key,
  event_key text not null unique,
  mission_id uuid not null,
  actor_subject text not null,
  actor_role text not null,
  action text not null,
  details jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null
);
create index audit_events_mission_idx on audit_events (mission_id, occurred_at);

-- Client-supplied idempotency keys for creating commands: the same key with the same body
-- returns the first result; with another body it is refused.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  resource_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- Down Migration
drop table idempotency_keys;
drop table audit_events;
drop table order_lines;
drop table missions;
