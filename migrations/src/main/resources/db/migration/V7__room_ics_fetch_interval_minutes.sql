-- Reflector's web app offers the calendar sync interval in minutes (1, 5, 10, 30, 60) while its API default is
-- 300 seconds: the room keeps the number as sent, so anything from 1 to 86400 is allowed.
alter table room drop constraint ck_room_ics_fetch_interval;
alter table room add constraint ck_room_ics_fetch_interval check (ics_fetch_interval between 1 and 86400);
