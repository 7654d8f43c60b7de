package io.keyward.workflows.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a worker refuses of a person's Update, each in its own words: unsigned, unknown key, another
 * workflow, run or Update, expired, a tampered role list or payload, a replayed nonce, and a key
 * rotated out of trust.
 */
class AttestationVerifierTest {
  private static final long NOW = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();
  private static final Actor OLIVIA = new Actor("olivia", Set.of(Role.CRYPTO_OFFICER));
  private static final Decision APPROVE = new Decision(OLIVIA, DecisionType.APPROVE, "looks right");
  private static final SignedTarget HERE =
      SignedTarget.update("default", "keygen/kv-secret-prod/db-tde-key", "run-1", "decide");

  private final JdkSigner current = new JdkSigner("software:keyward/decisions@2");
  private final JdkSigner old = new JdkSigner("software:keyward/decisions@1");
  private final AttestationVerifier verifier =
      new AttestationVerifier(new TrustedKeys(List.of(current.trusted(null))));
  private final Set<String> used = new HashSet<>();

  @Test
  void acceptsWhatTheApiSignedForThisRunAndUpdate() {
    assertThat(refusal(signed(current, HERE, APPROVE, NOW), HERE, APPROVE, NOW)).isEmpty();
  }

  @Test
  void refusesAnUnsignedDecision() {
    assertThat(verifier.refusal(Optional.empty(), HERE, new Object[] {APPROVE}, NOW, used))
        .hasValueSatisfying(
            why -> assertThat(why).contains("is not signed by Keyward's API").contains("decide"));
  }

  @Test
  void refusesAKeyItDoesNotTrust() {
    JdkSigner stranger = new JdkSigner("software:elsewhere/decisions@1");
    assertThat(refusal(signed(stranger, HERE, APPROVE, NOW), HERE, APPROVE, NOW))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("software:elsewhere/decisions@1")
                    .contains("does not trust"));
  }

  @Test
  void refusesASignatureForAnotherWorkflow() {
    SignedTarget other =
        SignedTarget.update("default", "keygen/kv-secret-prod/other-key", "run-9", "decide");
    assertThat(refusal(signed(current, other, APPROVE, NOW), HERE, APPROVE, NOW))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("signed for decide on keygen/kv-secret-prod/other-key run run-9")
                    .contains("not for decide on keygen/kv-secret-prod/db-tde-key run run-1"));
  }

  @Test
  void refusesASignatureForAnotherRunOrUpdate() {
    SignedTarget earlierRun =
        SignedTarget.update("default", "keygen/kv-secret-prod/db-tde-key", "run-0", "decide");
    assertThat(refusal(signed(current, earlierRun, APPROVE, NOW), HERE, APPROVE, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("run run-0"));
    SignedTarget otherUpdate =
        SignedTarget.update("default", "keygen/kv-secret-prod/db-tde-key", "run-1", "cancel");
    assertThat(refusal(signed(current, otherUpdate, APPROVE, NOW), HERE, APPROVE, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("signed for cancel on"));
  }

  @Test
  void refusesAnExpiredSignature() {
    long signedAt = NOW - SigningClientInterceptor.UPDATE_TTL.toMillis() - 1;
    assertThat(refusal(signed(current, HERE, APPROVE, signedAt), HERE, APPROVE, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("the signature expired at"));
  }

  @Test
  void refusesAReplayedNonce() {
    Attestation once = signed(current, HERE, APPROVE, NOW);
    assertThat(refusal(once, HERE, APPROVE, NOW)).isEmpty();
    used.add(once.claims().nonce());
    assertThat(refusal(once, HERE, APPROVE, NOW + 1000))
        .hasValueSatisfying(why -> assertThat(why).contains("already used in this run"));
  }

  @Test
  void refusesARoleListTamperedInTheDecision() {
    Attestation signed = signed(current, HERE, APPROVE, NOW);
    Decision promoted =
        new Decision(
            new Actor("olivia", Set.of(Role.CRYPTO_OFFICER, Role.SECURITY_ENGINEER)),
            DecisionType.APPROVE,
            "looks right");
    assertThat(refusal(signed, HERE, promoted, NOW))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("signed for olivia with roles [CRYPTO_OFFICER]")
                    .contains("names olivia with roles [CRYPTO_OFFICER, SECURITY_ENGINEER]"));
  }

  @Test
  void refusesARoleListTamperedInTheAttestation() {
    Attestation signed = signed(current, HERE, APPROVE, NOW);
    AttestationClaims c = signed.claims();
    Attestation tampered =
        new Attestation(
            new AttestationClaims(
                c.keyId(),
                c.namespace(),
                c.workflowId(),
                c.runId(),
                c.workflowType(),
                c.name(),
                c.argumentsSha256(),
                c.actorId(),
                List.of("CRYPTO_OFFICER", "SECURITY_ENGINEER"),
                c.issuedAt(),
                c.expiresAt(),
                c.nonce()),
            signed.signature());
    assertThat(refusal(tampered, HERE, APPROVE, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("does not match its claims"));
  }

  @Test
  void refusesAPayloadChangedAfterSigning() {
    Attestation signed = signed(current, HERE, APPROVE, NOW);
    Decision denied = new Decision(OLIVIA, DecisionType.DENY, "looks right");
    assertThat(refusal(signed, HERE, denied, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("changed after the API signed it"));
  }

  @Test
  void acceptsTheOldKeyDuringTheRotationOverlapAndNotAfter() {
    Instant overlapEnds = Instant.ofEpochMilli(NOW).plus(Duration.ofHours(1));
    AttestationVerifier rotating =
        new AttestationVerifier(
            new TrustedKeys(List.of(current.trusted(null), old.trusted(overlapEnds))));
    long during = overlapEnds.toEpochMilli() - 60_000;
    Attestation byOld = signed(old, HERE, APPROVE, during);
    assertThat(rotating.refusal(Optional.of(byOld), HERE, new Object[] {APPROVE}, during, used))
        .isEmpty();
    long after = overlapEnds.toEpochMilli() + 1;
    Attestation lateByOld = signed(old, HERE, APPROVE, after);
    assertThat(rotating.refusal(Optional.of(lateByOld), HERE, new Object[] {APPROVE}, after, used))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("software:keyward/decisions@1")
                    .contains("trusted only until " + overlapEnds));
    Attestation byNew = signed(current, HERE, APPROVE, after);
    assertThat(rotating.refusal(Optional.of(byNew), HERE, new Object[] {APPROVE}, after, used))
        .isEmpty();
  }

  @Test
  void signsTheSameRolesWhateverTheSetOrder() {
    Actor a = new Actor("olivia", Set.of(Role.CRYPTO_OFFICER, Role.KEY_CUSTODIAN, Role.CISO));
    Actor b =
        new Actor(
            "olivia",
            new java.util.LinkedHashSet<>(
                List.of(Role.CISO, Role.KEY_CUSTODIAN, Role.CRYPTO_OFFICER)));
    assertThat(CanonicalJson.digest(new Object[] {new Decision(a, DecisionType.APPROVE, "x")}))
        .isEqualTo(CanonicalJson.digest(new Object[] {new Decision(b, DecisionType.APPROVE, "x")}));
  }

  private Optional<String> refusal(
      Attestation attestation, SignedTarget target, Decision decision, long now) {
    return verifier.refusal(Optional.of(attestation), target, new Object[] {decision}, now, used);
  }

  private static Attestation signed(
      JdkSigner signer, SignedTarget target, Decision decision, long at) {
    return Attestation.sign(
        new AttestationClaims(
            signer.keyId(),
            target.namespace(),
            target.workflowId(),
            target.runId(),
            target.workflowType(),
            target.name(),
            CanonicalJson.digest(new Object[] {decision}),
            decision.actor().id(),
            AttestationClaims.rolesOf(decision.actor()),
            at,
            at + SigningClientInterceptor.UPDATE_TTL.toMillis(),
            "nonce-" + at + "-" + target.runId() + "-" + target.name() + "-" + target.workflowId()),
        signer);
  }
}
