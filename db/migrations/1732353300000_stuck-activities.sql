-- Up Migration

-- Activities that keep failing and are being retried: written by the worker's interceptor after a
-- few attempts, removed when the activity finally succeeds, so staff see what is stuck instead
-- of retries nobody notices.
create table stuck_activities (
  workflow_id text not null,
  activity_id text not null,
  activity_type text not null,
  mission_id uuid,
  attempt integer not null,
  error_type text,
  error_message text not null,
  first_failed_at timestamptz not null default now(),
  last_failed_at timestamptz not null default now(),
  primary key (workflow_id, activity_id)
);
create index stuck_activities_last_failed_idx on stuck_activities (last_failed_at desc);

-- Down Migration
drop table stuck_activities;
