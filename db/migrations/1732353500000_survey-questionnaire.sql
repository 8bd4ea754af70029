-- Up Migration
-- The whole satisfaction questionnaire (Qualiopi indicator 30): objectives met, facilitator,
-- organisation, what was applied since; `rating` stays the overall rating that summaries average.
alter table survey_answers add column answers jsonb not null default '{}'::jsonb;

-- Down Migration
alter table survey_answers drop column answers;
