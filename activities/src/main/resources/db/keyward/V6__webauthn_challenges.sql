-- The WebAuthn challenges the API has handed out for a security key's registration and not had
-- back yet, shared by every API replica so that a registration begun at one replica finishes at
-- another. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per open challenge (base64url), bound to the person it was issued to; redeemed by
-- deleting the row, so a challenge is used once. A person has one open challenge at a time;
-- expired rows are deleted now and then.
CREATE TABLE webauthn_challenges (
  challenge VARCHAR(200) PRIMARY KEY,
  person_id VARCHAR(200) NOT NULL,
  issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webauthn_challenges_person ON webauthn_challenges (person_id);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);
