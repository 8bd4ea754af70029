-- Up Migration

-- Every calendar file a person was sent for a session, by the e-mail that carried it: the days it
-- held (rank, start, end). The next file for the same person and session (the convocation a move
-- sends again, the cancellation) numbers its revision (SEQUENCE) after them and cancels the days
-- they held that it no longer has, so no calendar keeps a day that will not take place.
create table convocation_calendars (
  idempotency_key text primary key,
  session_id uuid not null,
  recipient text not null,
  days jsonb not null check (jsonb_typeof(days) = 'array'),
  created_at timestamptz not null default now()
);
create index convocation_calendars_person_idx on convocation_calendars (session_id, recipient, created_at);

-- Down Migration
drop table convocation_calendars;
