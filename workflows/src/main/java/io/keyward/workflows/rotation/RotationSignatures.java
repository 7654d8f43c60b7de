package io.keyward.workflows.rotation;

import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.SignedDecisions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The decisions of a manual rotation of an ULTRA key, signed by the decider's own security key:
 * every decision of every step people take (the security review, a backup's confirmation, the
 * approvals at T, the order to execute, the decision after a failed validation, the monitoring
 * review). Whether the key is ULTRA comes from the key register as the rotation read it, never from
 * the request; a key the register does not hold counts as ULTRA. Rotations of other keys record no
 * version marker and decide as before. Workflow code only.
 */
final class RotationSignatures {
  /** The change id under which ULTRA rotations' decisions carry assertions (VERSIONS.md). */
  static final String CHANGE_ID = "ultra-rotation-decisions-signed-by-authenticator";

  /** The phases where people decide: a step opening there loads the enrolled keys. */
  private static final Set<RotationPhase> PEOPLES_STEPS =
      EnumSet.of(
          RotationPhase.AWAITING_SECURITY_REVIEW,
          RotationPhase.AWAITING_APPROVAL,
          RotationPhase.AWAITING_EXECUTION,
          RotationPhase.AWAITING_VALIDATION_DECISION,
          RotationPhase.AWAITING_MONITORING_REVIEW);

  private final ManualRotation rotation;
  private final SignedDecisions signed =
      new SignedDecisions(CHANGE_ID, "a decision on the rotation of an ULTRA key");

  RotationSignatures(ManualRotation rotation) {
    this.rotation = rotation;
  }

  /** In the main method, once the key register was read and before any step opens. */
  void choose() {
    signed.choose(ultra());
  }

  /** Loads the enrolled keys when {@code next} is a step people decide, for an ULTRA rotation. */
  void opening(RotationPhase next) {
    if (PEOPLES_STEPS.contains(next)) {
      signed.load();
    }
  }

  /** In the validator: why the decision's assertion does not sign it; empty when it does. */
  Optional<String> refusalFor(RotationDecision decision) {
    return signed.refusalFor(
        ultra(), decision.actor().id(), step(decision), decision.reason(), decision.assertion());
  }

  /**
   * In the handler, with the step the validator checked: reads the keys again, refuses a key
   * revoked or a counter used meanwhile, records the counter, then asks {@code stepRefusal} again;
   * throws the {@code DecisionRefused} failure.
   */
  void confirmOrRefuse(
      RotationDecision decision, String step, Supplier<Optional<String>> stepRefusal) {
    signed.confirmOrRefuse(
        ultra(), decision.actor().id(), step, decision.reason(), decision.assertion(), stepRefusal);
  }

  /** What the audit record keeps of a signed decision, for {@code verify-audit --assertions}. */
  Map<String, String> auditDetails(String step, DecisionAssertion assertion) {
    return signed.auditDetails(step, assertion);
  }

  /** The step a decision answers, as its challenge names it: {@code APPROVE@AWAITING_APPROVAL}. */
  String step(RotationDecision decision) {
    return DecisionChallenge.step(decision.type().name(), rotation.phase().name());
  }

  /** The key register holds the key as ULTRA, or does not hold it (it counts as ULTRA). */
  private boolean ultra() {
    return rotation.classification() == Classification.ULTRA;
  }
}
