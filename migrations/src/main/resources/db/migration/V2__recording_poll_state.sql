-- How far each provider's recordings poller got: the start time it can stop its next pass at (the newest
-- recording it announced, or the oldest it saw unfinished, whichever is earlier).
create table recording_poll_state (
    provider        varchar(16) primary key,
    high_water_mark timestamptz not null,
    polled_at       timestamptz not null
);
