package io.keyward.workflows.webauthn;

/** Where a person's WebAuthn credential stands in its enrolment. */
public enum CredentialState {
  /** Registered by its person, waiting for a security team lead's approval: decides nothing. */
  PENDING,
  /** Approved by a lead who is not its person: may sign that person's ULTRA decisions. */
  ACTIVE,
  /** Revoked, or refused at enrolment: decides nothing again. */
  REVOKED
}
