-- Up Migration

-- A registration link the coordinator handed to the client's contact: capped, revocable. Each
-- address asking to register through it is a request that its owner confirms from their own
-- inbox before anything else is sent to them (double opt-in).
create table registration_links (
  link_id uuid primary key,
  session_id uuid not null,
  mission_id uuid not null,
  created_by_role text not null,
  created_by_subject text not null,
  cap integer not null check (cap > 0),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index registration_links_session on registration_links (session_id);

create table registration_requests (
  request_id uuid primary key,
  link_id uuid not null references registration_links (link_id),
  session_id uuid not null,
  email text not null,
  first_name text not null,
  last_name text not null,
  requested_at timestamptz not null default now(),
  confirmed_at timestamptz,
  unique (link_id, email)
);

-- Down Migration
drop table registration_requests;
drop table registration_links;
