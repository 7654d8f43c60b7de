-- Failed sign-ins counted per key ('name:<user>', 'address:<client address>'), shared by every API
-- replica so that password guessing is slowed down whichever replica it reaches.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per key with failures not yet forgotten. expires_at is when the count is forgotten
-- (the last failure plus the window it was counted in); expired rows are deleted now and then.
CREATE TABLE sign_in_failures (
  failure_key VARCHAR(200) PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  last_failure TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failures_expiry ON sign_in_failures (expires_at);
