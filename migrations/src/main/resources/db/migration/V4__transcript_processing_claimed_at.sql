-- When the transcript was last claimed for processing (POST /v1/transcripts/{id}/process): the gateway takes a
-- claim older than REPROCESS_CLAIM_TIMEOUT again, so that a request whose message was lost, or whose worker never
-- came, does not hold the transcript for good. Null on rows claimed before this column (and on those the worker's
-- first run made processing): their last update stands for the claim's time.
alter table transcript add column processing_claimed_at timestamptz;
