-- What the language model has still to make for an ended transcript, when it could not be reached or kept answering
-- something unusable: 'topics' (titled topics; until then the words sit in one untitled topic) and/or 'recap' (title,
-- summaries, action items). The worker tries again from postprocess_next_at on; an empty list is the normal state.
alter table transcript add column postprocess_missing text[] not null default '{}';
alter table transcript add column postprocess_next_at timestamptz;
alter table transcript add constraint ck_transcript_postprocess_missing
    check (postprocess_missing <@ array['topics', 'recap']::text[]);
create index idx_transcript_postprocess_due on transcript (postprocess_next_at)
    where cardinality(postprocess_missing) > 0;
