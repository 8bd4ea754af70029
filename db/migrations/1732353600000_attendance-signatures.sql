-- Up Migration

-- Digital attendance signing: each participant's signature of a half-day, and the facilitator's
-- countersignature, as the PNG drawn on a phone with when, from where and with what browser.
-- The session workflow keeps who signed what; the image is the proof the attendance sheet shows.
-- One row per (session, half-day, signer): a double submit stores once, and the API inserts the
-- row in the same transaction as the workflow accepts it, so a refused signature leaves nothing.
create table attendance_signatures (
  id uuid primary key,
  session_id uuid not null,
  half_day_index smallint not null check (half_day_index >= 0),
  kind text not null check (kind in ('participant', 'countersignature')),
  participant_id uuid,
  facilitator_id text,
  image bytea not null,
  signed_at timestamptz not null,
  ip text not null,
  user_agent text not null,
  check ((kind = 'participant') = (participant_id is not null)),
  check ((kind = 'countersignature') = (facilitator_id is not null))
);
create unique index attendance_signatures_once_idx
  on attendance_signatures (session_id, half_day_index, coalesce(participant_id::text, 'countersignature'));

-- Short codes for the participants' link of an open half-day (typed from a screen, or read as a
-- QR code): GET /e/<code> redirects to the signed link it stands for.
create table attendance_signing_codes (
  code text primary key,
  session_id uuid not null,
  half_day_index smallint not null,
  token text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (session_id, half_day_index)
);

-- Down Migration
drop table attendance_signing_codes;
drop table attendance_signatures;
