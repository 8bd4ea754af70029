-- Up Migration

-- A trainee's end-of-training assessment (Code du travail L6353-1): their level for each objective
-- of the offer version the session delivered, in that version's order (what the attestation de
-- fin de formation prints), and their answers to the offer's own questions. One per trainee and
-- session: the primary key refuses a second answer.
create table end_of_training_assessments (
  session_id uuid not null,
  participant_id text not null,
  mission_id uuid not null,
  offer_id uuid not null,
  offer_version integer not null,
  levels jsonb not null check (jsonb_typeof(levels) = 'array'),
  answers jsonb not null default '{}'::jsonb,
  answered_at timestamptz not null default now(),
  primary key (session_id, participant_id),
  foreign key (offer_id, offer_version) references catalogue_offer_versions (offer_id, version)
);

-- What staff see of it on the session (GET …/participants), as the session workflow projects it.
alter table session_staffing add column assessments jsonb not null default '[]'::jsonb;

-- Down Migration
alter table session_staffing drop column assessments;
drop table end_of_training_assessments;
