package io.keyward.api.webauthn;

import io.keyward.workflows.webauthn.PersonCredential;
import java.time.Instant;

/** A credential as people see it: whose, which, where it stands, who approved or revoked it. */
public record SecurityKeyView(
    String credentialId,
    String person,
    String state,
    Instant registeredAt,
    String approvedBy,
    Instant approvedAt,
    String revokedBy,
    Instant revokedAt) {
  public static SecurityKeyView of(PersonCredential credential) {
    return new SecurityKeyView(
        credential.credentialId(),
        credential.personId(),
        credential.state().name(),
        credential.registeredAt(),
        credential.approvedBy(),
        credential.approvedAt(),
        credential.revokedBy(),
        credential.revokedAt());
  }
}
