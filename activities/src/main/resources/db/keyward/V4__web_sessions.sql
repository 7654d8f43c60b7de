-- The web pages' signed-in sessions and the OpenID Connect sign-ins not back from the identity
-- provider yet, shared by every API replica so that a person signed in at one replica is signed in
-- at all of them and a restart signs nobody out. Runs unchanged on PostgreSQL and on H2 in
-- PostgreSQL mode.

-- One row per live session, under the SHA-256 (hex) of its id: the id is a bearer token, so the
-- database keeps only its hash, and a reader of this table cannot present anybody's session. The
-- CSRF token is of no use without the id. expires_at is the end of the idle timeout or of the
-- maximum age, whichever is first; expired rows are deleted now and then.
CREATE TABLE web_sessions (
  id_hash CHAR(64) PRIMARY KEY,
  csrf_token VARCHAR(100) NOT NULL,
  user_id VARCHAR(200) NOT NULL,
  display_name VARCHAR(500) NOT NULL,
  email VARCHAR(500),
  roles VARCHAR(1000) NOT NULL,
  signed_in_at TIMESTAMP WITH TIME ZONE NOT NULL,
  authenticated_at TIMESTAMP WITH TIME ZONE,
  last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  notice_kind VARCHAR(40),
  notice_text VARCHAR(4000)
);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen);

-- One row per sign-in sent to the identity provider, under the SHA-256 (hex) of the token that only
-- the browser holds; taken (deleted) once when the browser comes back.
CREATE TABLE started_sign_ins (
  token_hash CHAR(64) PRIMARY KEY,
  state VARCHAR(500) NOT NULL,
  nonce VARCHAR(500) NOT NULL,
  code_verifier VARCHAR(500) NOT NULL,
  redirect_uri VARCHAR(2000) NOT NULL,
  next_path VARCHAR(2000),
  max_age_seconds BIGINT,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX started_sign_ins_expiry ON started_sign_ins (expires_at);
CREATE INDEX started_sign_ins_started ON started_sign_ins (started_at);
