-- Up Migration

-- A training's funding as its session workflow last projected it: request, status, proposal,
-- decision and what the client is billed.
alter table session_staffing add column funding jsonb;

-- Down Migration
alter table session_staffing drop column funding;
