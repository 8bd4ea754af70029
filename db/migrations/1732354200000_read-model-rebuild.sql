-- Up Migration

-- Progress of `npm run read-model:rebuild`: a run interrupted (a crash, Ctrl-C, a deploy) is
-- resumed by the next one, which skips the missions this run already went through.
create table read_model_rebuild_runs (
  run_id uuid primary key,
  status text not null check (status in ('running', 'finished', 'abandoned')),
  started_at timestamptz not null default now(),
  ended_at timestamptz
);
-- At most one run in progress: the next command resumes it rather than starting another.
create unique index read_model_rebuild_runs_running_idx on read_model_rebuild_runs ((true)) where status = 'running';

create table read_model_rebuild_missions (
  run_id uuid not null references read_model_rebuild_runs (run_id) on delete cascade,
  mission_id uuid not null,
  outcome text not null check (outcome in ('unchanged', 'repaired', 'skipped')),
  done_at timestamptz not null default now(),
  primary key (run_id, mission_id)
);

-- Down Migration
drop table read_model_rebuild_missions;
drop table read_model_rebuild_runs;
