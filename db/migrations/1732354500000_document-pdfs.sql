-- Up Migration

-- The sealed PDF of a generated Word document: what a person receives (DESIGN.md §5), the docx
-- staying for staff. One per document version, made once: a seal carries its signing time, so a
-- second sealing would give other bytes, and a retried e-mail must attach the very same file.
create table document_pdfs (
  document_id uuid primary key references documents (id) on delete cascade,
  filename text not null,
  byte_size integer not null,
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  -- Who sealed it (the certificate's common name) and with which converter, for an audit.
  signer text not null,
  converter text not null,
  created_at timestamptz not null default now(),
  check (byte_size = octet_length(content))
);

-- Down Migration
drop table document_pdfs;
