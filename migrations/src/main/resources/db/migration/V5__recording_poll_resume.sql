-- A recordings poller's pass that reached its page cap before its high-water mark: the provider's cursor where it
-- stopped, and what it found so far (the newest recording it announced, the oldest it saw unfinished). The next
-- pass goes on from the cursor, and the mark moves only once a pass has reached it, so it never passes recordings
-- no pass has seen. All null when the last pass was whole.
alter table recording_poll_state
    add column resume_cursor            text,
    add column resume_newest_announced  timestamptz,
    add column resume_oldest_unfinished timestamptz;
