-- Calendar (ICS) rooms. The feed's Last-Modified is kept beside its ETag, so the next fetch asks with
-- If-Modified-Since as well as If-None-Match and an unchanged feed costs one 304.
alter table room add column ics_last_modified text;
-- When the feed was last read whole (not answered 304): after a while it is read whole again, so that recurring
-- events move into the window of kept events even when the feed itself never changes.
alter table room add column ics_last_parsed timestamptz;
-- Why the room's last sync failed (a few words naming no address), null after a successful one.
alter table room add column ics_last_error text;

-- At most one meeting per calendar event: the pre-creation job may run again (or on another instance after a
-- lock was lost) without opening a second provider room for the same event.
create unique index uq_meeting_calendar_event on meeting (calendar_event_id) where calendar_event_id is not null;
