-- Up Migration

-- Written by each session's own workflow (not the mission's), so no foreign key to sessions:
-- a session can report its staffing before its mission has projected the session row.
create table session_staffing (
  session_id uuid primary key,
  mission_id uuid not null,
  version integer not null,
  slots_total integer not null,
  slots_taken integer not null
);
create index session_staffing_mission_idx on session_staffing (mission_id);

create table session_invitations (
  invitation_id uuid primary key,
  session_id uuid not null,
  mission_id uuid not null,
  facilitator_id text not null,
  facilitator_name text not null,
  facilitator_email text not null,
  status text not null,
  facilitator_status text not null check (facilitator_status in ('paid', 'internal', 'volunteer')),
  approval text not null,
  during_working_time boolean,
  sent_at timestamptz not null,
  expires_at timestamptz not null,
  responded_at timestamptz
);
create index session_invitations_session_idx on session_invitations (session_id, sent_at);
create index session_invitations_facilitator_idx on session_invitations (facilitator_id);

-- E-mail links are single use: a token's id is recorded when it is used.
create table used_link_tokens (
  token_id text primary key,
  purpose text not null,
  used_at timestamptz not null default now()
);

-- Down Migration
drop table used_link_tokens;
drop table session_invitations;
drop table session_staffing;
