-- Up Migration
-- What a manager wrote with their decision, for the coordinator reading the session's staffing.
alter table session_invitations add column approval_note text;

-- Down Migration
alter table session_invitations drop column approval_note;
