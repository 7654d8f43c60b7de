package io.keyward.workflows.attestation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.List;
import java.util.Objects;

/**
 * What the API vouches for when it sends a person's input to Temporal: this person, with these
 * roles, sent exactly these arguments ({@code argumentsSha256}, their {@link CanonicalJson}) as
 * {@code name} (an Update or Signal name, or {@value #START}) to this workflow run, between {@code
 * issuedAt} and {@code expiresAt} (epoch milliseconds), once ({@code nonce}). A start is bound to
 * the workflow type instead of a run, which does not exist yet. Signed by {@code keyId}; holds no
 * secret and no free text of the input, only its digest.
 */
public record AttestationClaims(
    String keyId,
    String namespace,
    String workflowId,
    String runId,
    String workflowType,
    String name,
    String argumentsSha256,
    String actorId,
    List<String> roles,
    long issuedAt,
    long expiresAt,
    String nonce) {
  /** The name a start is signed under. */
  public static final String START = "start";

  public AttestationClaims {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nonce, "nonce");
    namespace = namespace == null ? "" : namespace;
    runId = runId == null ? "" : runId;
    workflowType = workflowType == null ? "" : workflowType;
    roles = roles == null ? List.of() : roles.stream().sorted().toList();
  }

  /** The roles of {@code actor} by name, sorted. */
  public static List<String> rolesOf(Actor actor) {
    return actor.roles().stream().map(Role::name).sorted().toList();
  }

  /** The bytes the signature covers. */
  public byte[] canonicalBytes() {
    return CanonicalJson.bytes(this);
  }
}
