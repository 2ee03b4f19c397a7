-- The meeting.create request that made a meeting: a request delivered again (its consumer stopped before
-- acknowledging it) is answered with that meeting instead of opening another provider room.
alter table meeting add column create_request_id varchar(64);
alter table meeting add constraint uq_meeting_create_request unique (create_request_id);
