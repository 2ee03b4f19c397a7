-- Files uploaded to a transcript in chunks (POST /v1/transcripts/{id}/record/upload). Each chunk is an object in the
-- transcript storage; a row per chunk number says which have arrived (a repeated chunk replaces its row), so the file
-- is complete when every number below total_chunks is there, in whatever order they came.
create table upload_chunk (
    transcript_id varchar(36) not null references transcript (id) on delete cascade,
    chunk_number  integer     not null,
    total_chunks  integer     not null,
    size          bigint      not null,
    stored_at     timestamptz not null,
    primary key (transcript_id, chunk_number),
    constraint ck_upload_chunk_number check (chunk_number >= 0 and chunk_number < total_chunks),
    constraint ck_upload_chunk_size check (size >= 0)
);

-- Why a transcript is in error, in words for its owner (a file that is not audio, one without an audio stream).
alter table transcript add column error_reason text;

-- An uploaded file runs through the recording pipeline as a recording of its own kind.
alter table recording drop constraint ck_recording_platform;
alter table recording add constraint ck_recording_platform check (platform in ('whereby', 'daily', 'mock', 'upload'));
