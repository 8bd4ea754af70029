-- Up Migration

-- Every e-mail the service sends or tries to, keyed by its idempotency key: the log is also
-- what stops a retried activity from sending twice.
create table email_log (
  idempotency_key text primary key,
  mission_id uuid not null,
  session_id uuid,
  recipient text not null,
  template text not null,
  language text not null,
  subject text not null,
  status text not null check (status in ('sent', 'rejected')),
  provider text not null,
  provider_message_id text,
  error text,
  sent_at timestamptz not null default now()
);
create index email_log_mission_idx on email_log (mission_id, sent_at);
create index email_log_session_idx on email_log (session_id, sent_at) where session_id is not null;

-- Down Migration
drop table email_log;
