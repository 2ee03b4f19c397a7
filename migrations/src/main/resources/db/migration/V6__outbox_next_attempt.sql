-- When the relay tries an unsent message again: after a pause that grows with its attempts, so that a message no
-- queue takes yet (its consumer has never started, so its queue does not exist) waits its turn without holding the
-- messages behind it back. Null: at once.
alter table outbox add column next_attempt_at timestamptz;
