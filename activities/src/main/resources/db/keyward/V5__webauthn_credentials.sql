-- People's WebAuthn credentials (security keys, passkeys) that sign their ULTRA decisions.
-- Public keys only. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per credential. public_key is the COSE public key, base64url; rp_id and origin are the
-- relying party and page origin the API verified at registration. state moves PENDING -> ACTIVE
-- (a security team lead who is not the person approved it) or -> REVOKED, and ACTIVE -> REVOKED.
CREATE TABLE webauthn_credentials (
  credential_id VARCHAR(512) PRIMARY KEY,
  person_id VARCHAR(200) NOT NULL,
  public_key VARCHAR(2048) NOT NULL,
  sign_count BIGINT NOT NULL CHECK (sign_count >= 0),
  state VARCHAR(16) NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'REVOKED')),
  rp_id VARCHAR(255) NOT NULL,
  origin VARCHAR(255) NOT NULL,
  registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
  approved_by VARCHAR(200),
  approved_at TIMESTAMP WITH TIME ZONE,
  revoked_by VARCHAR(200),
  revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webauthn_credentials_person ON webauthn_credentials (person_id);
CREATE INDEX webauthn_credentials_state ON webauthn_credentials (state);
