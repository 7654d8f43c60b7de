-- Keyward's shared state: the audit trail, the break-glass grants and the dependency map.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (dev mode's embedded database).
-- Released migrations never change: a change is a new V<n>__<what>.sql.

-- The head of the audit chain: one row, locked FOR UPDATE by every append, so appends from every
-- process are serialized and the chain has one order.
CREATE TABLE audit_head (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  last_sequence BIGINT NOT NULL,
  last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_sequence, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per record. record_json is the record's canonical form (AuditHashChain), the source of
-- truth that the hash covers; the other columns index it. mac is HMAC-SHA256 under a key kept
-- outside the database.
CREATE TABLE audit_records (
  sequence BIGINT PRIMARY KEY,
  event_id VARCHAR(1000) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  record_json VARCHAR NOT NULL,
  hash VARCHAR(64) NOT NULL,
  mac VARCHAR(64) NOT NULL,
  appended_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT audit_records_event_id UNIQUE (event_id)
);
CREATE INDEX audit_records_subject ON audit_records (subject, sequence);

-- Break-glass grants not yet revoked; recorded orders them oldest first.
CREATE TABLE access_grants (
  grant_id VARCHAR(1000) PRIMARY KEY,
  recorded BIGINT GENERATED ALWAYS AS IDENTITY,
  grant_json VARCHAR NOT NULL
);

-- Which applications use which key: one row per key, its dependents as a JSON list.
CREATE TABLE dependency_map (
  key_ref VARCHAR(1000) PRIMARY KEY,
  dependents_json VARCHAR NOT NULL
);
