-- The key register: one row per key with its entry as JSON (facts, the ceremony that last changed
-- each, the last change id), and every change of a fact, kept for ever. Only ceremonies write it,
-- through the worker's register activity; an entry and its changes are written in one transaction.
CREATE TABLE key_register (
  key_ref VARCHAR(1000) PRIMARY KEY,
  entry_json VARCHAR NOT NULL
);

CREATE TABLE key_register_history (
  key_ref VARCHAR(1000) NOT NULL,
  seq BIGINT NOT NULL,
  change_id VARCHAR(1000) NOT NULL,
  change_json VARCHAR NOT NULL,
  PRIMARY KEY (key_ref, seq)
);
