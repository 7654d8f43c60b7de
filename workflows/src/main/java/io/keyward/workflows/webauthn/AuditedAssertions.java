package io.keyward.workflows.webauthn;

import io.keyward.workflows.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies again, offline, the assertions the audit trail keeps of signed decisions: for each
 * record with one, the challenge is rebuilt from the record itself (its subject is the workflow id;
 * the run, step, reason and nonce are in its details) and the signature verified against the public
 * key the credentials store holds for that credential, which must be the actor's. The counter is
 * not checked again (the trail keeps the counter of each use, not the order of uses).
 */
public final class AuditedAssertions {
  private AuditedAssertions() {}

  /** A signed decision that does not verify, and why. */
  public record Finding(String subject, String type, String actor, String problem) {
    public String describe() {
      return subject + " " + type + " by " + actor + ": " + problem;
    }
  }

  /** The events of {@code events} that carry an assertion. */
  public static List<AuditEvent> signed(List<AuditEvent> events) {
    return events.stream().filter(e -> AssertionAudit.from(e.details()).isPresent()).toList();
  }

  /**
   * Re-verifies every signed decision among {@code events}; {@code credentials} finds a credential
   * by id in any state (a key revoked since still signed what it signed). Empty when all verify.
   */
  public static List<Finding> verify(
      List<AuditEvent> events, Function<String, Optional<PersonCredential>> credentials) {
    List<Finding> findings = new ArrayList<>();
    for (AuditEvent event : signed(events)) {
      DecisionAssertion assertion = AssertionAudit.from(event.details()).orElseThrow();
      Optional<PersonCredential> credential = credentials.apply(assertion.credentialId());
      if (credential.isEmpty()) {
        findings.add(finding(event, "its security key is not in the credentials store"));
        continue;
      }
      if (!credential.get().personId().equals(event.actor())) {
        findings.add(finding(event, "its security key is " + credential.get().personId() + "'s"));
        continue;
      }
      String challenge =
          DecisionChallenge.of(
              event.subject(),
              event.details().get(AssertionAudit.RUN_ID),
              event.details().get(AssertionAudit.STEP),
              event.details().get("reason"),
              assertion.nonce());
      AssertionVerifier.Verified verified =
          AssertionVerifier.verify(assertion, challenge, credential.get().accepted(), false);
      if (!verified.passed()) {
        findings.add(finding(event, verified.refusal()));
      }
    }
    return findings;
  }

  private static Finding finding(AuditEvent event, String problem) {
    return new Finding(event.subject(), event.type(), event.actor(), problem);
  }
}
