-- Up Migration

-- The session workflow projects its participants, attendance, certificates and surveys with its
-- staffing, in the same version-guarded row: small per session, read whole by the API.
alter table session_staffing
  add column participants jsonb not null default '[]'::jsonb,
  add column attendance jsonb,
  add column certificates jsonb not null default '[]'::jsonb,
  add column surveys jsonb not null default '[]'::jsonb,
  add column attendance_sheet_document_id uuid;

create table positioning_test_answers (
  participant_id uuid not null,
  session_id uuid not null,
  mission_id uuid not null,
  answers jsonb not null,
  answered_at timestamptz not null default now(),
  primary key (session_id, participant_id)
);

create table survey_answers (
  participant_id uuid not null,
  session_id uuid not null,
  mission_id uuid not null,
  coordinator_id text not null,
  kind text not null check (kind in ('hot', 'cold')),
  rating smallint not null check (rating between 1 and 5),
  comment text,
  answered_at timestamptz not null default now(),
  primary key (session_id, participant_id, kind)
);
create index survey_answers_coordinator_idx on survey_answers (coordinator_id, kind);

-- Down Migration
drop table survey_answers;
drop table positioning_test_answers;
alter table session_staffing
  drop column attendance_sheet_document_id,
  drop column surveys,
  drop column certificates,
  drop column attendance,
  drop column participants;
