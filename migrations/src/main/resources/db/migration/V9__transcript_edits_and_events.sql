-- What Reflector's transcript also carries: whether its owner reviewed it, its action items (the language model's
-- answer, kept as it came), and the Zulip message it was posted as (a second post updates that message).
alter table transcript add column reviewed boolean not null default false;
alter table transcript add column action_items jsonb;
alter table transcript add column zulip_message_id bigint;

-- A number that grows on every change of a row, so a client can ask for what changed since the number it last
-- saw (GET /v1/transcripts?change_seq_from=…). The database bumps it: no writer can forget to.
create sequence transcript_change_seq;
alter table transcript add column change_seq bigint;
update transcript set change_seq = nextval('transcript_change_seq');
alter table transcript alter column change_seq set default nextval('transcript_change_seq');
alter table transcript alter column change_seq set not null;
create index idx_transcript_change_seq on transcript (change_seq);

create function transcript_bump_change_seq() returns trigger language plpgsql as $$
begin
    new.change_seq := nextval('transcript_change_seq');
    return new;
end
$$;
create trigger trg_transcript_change_seq before update on transcript
    for each row when (old is distinct from new) execute function transcript_bump_change_seq();

-- The transcript's event log, in the order it happened: what its live socket sent (STATUS, DURATION, WAVEFORM,
-- TRANSCRIPT, TOPIC, FINAL_TITLE, …), replayed to a socket that connects later. {@code data} is the message's
-- data object as the socket sends it.
create table transcript_event (
    id            bigint generated always as identity primary key,
    transcript_id varchar(36) not null references transcript (id) on delete cascade,
    event         varchar(32) not null,
    data          jsonb       not null,
    created_at    timestamptz not null default now()
);
create index idx_transcript_event_transcript on transcript_event (transcript_id, id);
