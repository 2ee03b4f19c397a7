-- Rooms, meetings, recordings, transcripts and the messaging tables (DESIGN.md §4).
-- Invariants live here, not in check-then-insert code.

create table app_user (
    id           varchar(64) primary key,
    auth_subject text unique,
    email        text,
    display_name text,
    created_at   timestamptz not null default now()
);

create table user_api_key (
    id           varchar(36) primary key,
    user_id      varchar(64) not null references app_user (id) on delete cascade,
    name         text,
    key_hash     varchar(128) not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    constraint uq_user_api_key_hash unique (key_hash)
);
create index idx_user_api_key_user on user_api_key (user_id);

create table room (
    id                 varchar(36) primary key,
    name               varchar(64) not null,
    user_id            varchar(64) not null,
    created_at         timestamptz not null default now(),
    zulip_auto_post    boolean     not null default false,
    zulip_stream       varchar(255) not null default '',
    zulip_topic        varchar(255) not null default '',
    is_locked          boolean     not null default false,
    room_mode          varchar(16) not null default 'normal',
    recording_type     varchar(16) not null default 'cloud',
    recording_trigger  varchar(32) not null default 'automatic-2nd-participant',
    is_shared          boolean     not null default false,
    webhook_url        varchar(2048),
    webhook_secret     varchar(255),
    ics_url            varchar(2048),
    ics_fetch_interval integer     not null default 300,
    ics_enabled        boolean     not null default false,
    ics_last_sync      timestamptz,
    ics_last_etag      text,
    platform           varchar(16) not null,
    skip_consent       boolean     not null default false,
    constraint uq_room_name unique (name),
    constraint ck_room_name check (name ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    constraint ck_room_mode check (room_mode in ('normal', 'group')),
    constraint ck_room_recording_type check (recording_type in ('none', 'local', 'cloud')),
    constraint ck_room_recording_trigger check (recording_trigger in ('none', 'prompt', 'automatic', 'automatic-2nd-participant')),
    constraint ck_room_platform check (platform in ('whereby', 'daily', 'mock')),
    constraint ck_room_ics_fetch_interval check (ics_fetch_interval between 60 and 86400)
);
create index idx_room_user on room (user_id);
create index idx_room_is_shared on room (is_shared) where is_shared;
create index idx_room_ics_enabled on room (ics_enabled) where ics_enabled;
create index idx_room_created_at on room (created_at desc, id);

create table calendar_event (
    id           varchar(36) primary key,
    room_id      varchar(36) not null references room (id) on delete cascade,
    ics_uid      text        not null,
    title        text,
    description  text,
    location     text,
    start_time   timestamptz not null,
    end_time     timestamptz not null,
    attendees    jsonb,
    ics_raw_data text,
    last_synced  timestamptz not null,
    is_deleted   boolean     not null default false,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint uq_room_calendar_event unique (room_id, ics_uid),
    constraint ck_calendar_event_times check (end_time >= start_time)
);
create index idx_calendar_event_room_start on calendar_event (room_id, start_time);

create table meeting (
    id                            varchar(36)  primary key,
    room_id                       varchar(36)  references room (id) on delete cascade,
    platform                      varchar(16)  not null,
    provider_meeting_id           varchar(255) not null,
    provider_room_name            varchar(255) not null,
    room_url                      text         not null,
    host_room_url                 text         not null,
    start_date                    timestamptz  not null,
    end_date                      timestamptz  not null,
    is_locked                     boolean      not null,
    room_mode                     varchar(16)  not null,
    recording_type                varchar(16)  not null,
    recording_trigger             varchar(32)  not null,
    num_clients                   integer      not null default 0,
    is_active                     boolean      not null default true,
    provider_room_deleted_at      timestamptz,
    -- last time someone was given, joined or left the meeting: an empty meeting is deactivated only once this
    -- is older than the grace period, so nobody still connecting lands in a meeting being closed
    last_activity_at              timestamptz  not null default now(),
    num_clients_at                timestamptz,
    presence_dirty_at             timestamptz,
    session_started_at            timestamptz,
    session_ended_at              timestamptz,
    last_recording_error          text,
    last_recording_error_at       timestamptz,
    calendar_event_id             varchar(36)  references calendar_event (id) on delete set null,
    calendar_metadata             jsonb,
    daily_composed_video_s3_key   text,
    daily_composed_video_duration integer,
    created_at                    timestamptz  not null default now(),
    constraint uq_meeting_provider_room unique (provider_room_name, platform),
    constraint ck_meeting_platform check (platform in ('whereby', 'daily', 'mock')),
    constraint ck_meeting_room_mode check (room_mode in ('normal', 'group')),
    constraint ck_meeting_recording_type check (recording_type in ('none', 'local', 'cloud')),
    constraint ck_meeting_recording_trigger check (recording_trigger in ('none', 'prompt', 'automatic', 'automatic-2nd-participant')),
    constraint ck_meeting_num_clients check (num_clients >= 0),
    constraint ck_meeting_dates check (end_date > start_date)
);
create index idx_meeting_room_active on meeting (room_id, end_date desc) where is_active;
create index idx_meeting_room on meeting (room_id);
create index idx_meeting_calendar_event on meeting (calendar_event_id);
create index idx_meeting_active_platform on meeting (platform) where is_active;

-- At most one meeting creation in flight per room (for requests that reuse): the provider is called outside
-- any transaction, and concurrent requests for the room wait for the claimant's meeting instead of making
-- their own. A claim older than the provider's worst-case call time is stale and may be taken over.
create table meeting_creation_claim (
    room_id    varchar(36) primary key references room (id) on delete cascade,
    claim_id   varchar(36) not null,
    claimed_at timestamptz not null
);

-- Recordings the provider reported as started, with our instance id: links recordings to meetings explicitly.
create table recording_start (
    id                    bigint generated always as identity primary key,
    platform              varchar(16)  not null,
    provider_recording_id varchar(255) not null,
    meeting_id            varchar(36)  references meeting (id) on delete cascade,
    instance_id           varchar(64),
    started_at            timestamptz  not null,
    constraint uq_recording_start unique (provider_recording_id, platform)
);
create index idx_recording_start_meeting on recording_start (meeting_id);

create table meeting_consent (
    id                varchar(36) primary key,
    meeting_id        varchar(36) not null references meeting (id) on delete cascade,
    user_id           varchar(64),
    consent_given     boolean     not null,
    consent_timestamp timestamptz not null
);
-- One consent per signed-in user and meeting; anonymous users (user_id null) may leave several.
create unique index uq_meeting_consent_user on meeting_consent (meeting_id, user_id) where user_id is not null;
create index idx_meeting_consent_meeting on meeting_consent (meeting_id);

create table participant_session (
    id         bigint generated always as identity primary key,
    meeting_id varchar(36)  not null references meeting (id) on delete cascade,
    room_id    varchar(36)  references room (id) on delete cascade,
    session_id varchar(255) not null,
    user_id    varchar(64),
    user_name  text,
    joined_at  timestamptz  not null,
    left_at    timestamptz,
    constraint uq_participant_session unique (meeting_id, session_id),
    constraint ck_participant_session_times check (left_at is null or left_at >= joined_at)
);
create index idx_participant_session_open on participant_session (meeting_id) where left_at is null;

create table recording (
    id                    varchar(36)  primary key,
    platform              varchar(16)  not null,
    provider_recording_id varchar(255) not null,
    meeting_id            varchar(36)  references meeting (id) on delete set null,
    recording_type        varchar(16)  not null,
    bucket_name           varchar(255) not null,
    object_key            text         not null,
    track_keys            jsonb,
    recorded_at           timestamptz  not null,
    state                 varchar(16)  not null default 'discovered',
    attempts              integer      not null default 0,
    last_error            text,
    next_retry_at         timestamptz,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now(),
    constraint uq_recording_provider unique (provider_recording_id, platform),
    constraint ck_recording_platform check (platform in ('whereby', 'daily', 'mock')),
    constraint ck_recording_type check (recording_type in ('cloud', 'raw-tracks')),
    constraint ck_recording_state check (state in ('discovered', 'fetching', 'fetched', 'processing', 'done', 'failed')),
    constraint ck_recording_attempts check (attempts >= 0)
);
create index idx_recording_meeting on recording (meeting_id);
create index idx_recording_retry on recording (next_retry_at) where state = 'failed';

create table transcript (
    id              varchar(36) primary key,
    recording_id    varchar(36) references recording (id) on delete set null,
    meeting_id      varchar(36) references meeting (id) on delete set null,
    room_id         varchar(36) references room (id) on delete set null,
    user_id         varchar(64),
    name            text        not null default '',
    title           text,
    status          varchar(16) not null default 'idle',
    source_kind     varchar(16) not null default 'room',
    share_mode      varchar(16) not null default 'public',
    source_language varchar(8)  not null default 'en',
    target_language varchar(8)  not null default 'en',
    locked          boolean     not null default false,
    audio_location  varchar(16) not null default 'storage',
    audio_deleted   boolean     not null default false,
    duration_ms     bigint,
    participants    jsonb       not null default '[]',
    topics          jsonb       not null default '[]',
    short_summary   text,
    long_summary    text,
    webvtt          text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint uq_transcript_recording unique (recording_id),
    constraint ck_transcript_status check (status in ('idle', 'uploaded', 'processing', 'ended', 'error')),
    constraint ck_transcript_source_kind check (source_kind in ('room', 'live', 'file')),
    constraint ck_transcript_share_mode check (share_mode in ('private', 'semi-private', 'public'))
);
create index idx_transcript_meeting on transcript (meeting_id);
create index idx_transcript_room on transcript (room_id);

create table room_webhook_delivery (
    id               bigint generated always as identity primary key,
    room_id          varchar(36)  not null references room (id) on delete cascade,
    event_id         varchar(64)  not null,
    event_type       varchar(64)  not null,
    attempt          integer      not null,
    status_code      integer,
    error            text,
    response_preview text,
    attempted_at     timestamptz  not null default now(),
    constraint uq_room_webhook_delivery_attempt unique (event_id, attempt)
);
create index idx_room_webhook_delivery_room on room_webhook_delivery (room_id, attempted_at desc);

-- Provider webhooks, stored before they are acknowledged; a redelivery of the same event is a no-op.
create table webhook_inbox (
    id          bigint generated always as identity primary key,
    provider    varchar(16)  not null,
    event_id    varchar(255) not null,
    event_type  varchar(128) not null,
    payload     jsonb        not null,
    received_at timestamptz  not null default now(),
    constraint uq_webhook_inbox_event unique (provider, event_id)
);
create index idx_webhook_inbox_received on webhook_inbox (received_at);

-- Messages to publish after the transaction that wrote them commits; sent_at is set only after the
-- broker confirmed the message.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     varchar(300) not null,
    exchange     varchar(255) not null,
    routing_key  varchar(255) not null,
    message_type varchar(128) not null,
    payload      jsonb        not null,
    created_at   timestamptz  not null default now(),
    sent_at      timestamptz,
    attempts     integer      not null default 0,
    last_error   text,
    constraint uq_outbox_event unique (event_id)
);
create index idx_outbox_unsent on outbox (id) where sent_at is null;
