-- Up Migration

-- Every generated document, each version kept: what was sent to a participant or a funder stays
-- retrievable byte for byte (checksum = sha256 of content) until retain_until, after which an
-- archival job flags it. Written by activities, so no foreign keys to the read model.
create table documents (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid not null,
  session_id uuid,
  -- '' would collide with "no participant" in the key below.
  participant_id text check (participant_id <> ''),
  kind text not null,
  version integer not null check (version >= 1),
  filename text not null,
  content_type text not null,
  byte_size integer not null,
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  created_at timestamptz not null default now(),
  retain_until date not null,
  check (byte_size = octet_length(content))
);

-- One row per version of a key, whose session and participant may be absent. Read backwards,
-- the same index answers "latest version of a key" (order by version desc limit 1): the store
-- writes its key conditions with these very expressions.
create unique index documents_key_version_idx on documents (
  mission_id,
  coalesce(session_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(participant_id, ''),
  kind,
  version
);
create index documents_retain_until_idx on documents (retain_until);

-- Down Migration
drop table documents;
