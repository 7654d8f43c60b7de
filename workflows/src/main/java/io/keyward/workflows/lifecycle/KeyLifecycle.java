package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.policy.RotationMode;
import io.keyward.workflows.policy.RotationRule;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.rotation.RotationApprovals;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one cycle of a key's lifecycle and the rules of its approval gate (runbook 2.2
 * "automated with manual approval gates", 6.1 approval authority). Plain code: the workflow owns
 * time and I/O.
 */
public final class KeyLifecycle {
  private final LifecycleInput input;
  private KeyUsage usage;
  private Classification classification;
  private RotationRule rule;
  private RotationMode mode;
  private RotationApprovals approvals;
  private LifecyclePhase phase = LifecyclePhase.STARTING;
  private LifecycleAction nextAction = LifecycleAction.NONE;
  private Instant nextActionAt;
  private String currentVersion;
  private Instant currentExpires;
  private String newVersion;
  private Instant rotatedAt;
  private boolean gateOpen;
  private String denier;
  private Instant enrolledAt;

  public KeyLifecycle(LifecycleInput input) {
    this.input = input;
    facts(input.usage(), input.classification());
  }

  /**
   * The key's facts as the key register holds them, read at the start of each cycle: they, not the
   * enrolment's input, decide the rule, the mode and the gate's approvers (the stricter of runbook
   * 6.1 and 2.2). The gate is closed while they are read, so no decision meets a rule that changes.
   */
  public void facts(KeyPolicy facts) {
    facts(facts.usage(), facts.classification());
  }

  private void facts(KeyUsage usage, Classification classification) {
    this.usage = usage;
    this.classification = classification;
    this.rule = RotationMatrix.ruleFor(usage, classification);
    this.mode = RotationMatrix.modeFor(usage, classification);
    this.approvals = new RotationApprovals(rule);
  }

  public KeyUsage usage() {
    return usage;
  }

  public Classification classification() {
    return classification;
  }

  /**
   * Why {@code decision} cannot be taken now, in words for the person who tried; empty if it can.
   */
  public Optional<String> refusalFor(GateDecision decision) {
    if (decision == null || decision.actor() == null || decision.type() == null) {
      return Optional.of("a decision needs an authenticated person and a decision type");
    }
    if (!gateOpen) {
      return Optional.of(
          "no rotation of "
              + input.key()
              + " waits for approval: the lifecycle is "
              + phase
              + (mode == RotationMode.APPROVAL_GATE ? "" : " and its rotations are " + mode));
    }
    if (decision.type() == GateDecisionType.DENY
        && (decision.reason() == null || decision.reason().isBlank())) {
      return Optional.of("DENY needs a reason");
    }
    return approvals.refusalFor(decision.actor());
  }

  /** Records an accepted decision; call only after {@link #refusalFor} returned empty. */
  public String apply(GateDecision decision) {
    if (decision.type() == GateDecisionType.DENY) {
      denier = decision.actor().id();
      return "denied";
    }
    return approvals.approve(decision.actor());
  }

  /** When the key was first enrolled; set by the workflow on the first cycle, then carried. */
  public void enrolledAt(Instant at) {
    enrolledAt = at;
  }

  public void openGate() {
    gateOpen = true;
  }

  public void closeGate() {
    gateOpen = false;
  }

  public boolean gateDecided() {
    return approvals.complete() || denier != null;
  }

  public boolean approved() {
    return approvals.complete();
  }

  public String denier() {
    return denier;
  }

  public RotationApprovals approvals() {
    return approvals;
  }

  public void version(String version, Instant expires) {
    currentVersion = version;
    currentExpires = expires;
  }

  /** The automatic rotation made {@code version}, at {@code at}. */
  public void rotated(String version, Instant at) {
    newVersion = version;
    rotatedAt = at;
  }

  /** When this cycle's automatic rotation happened; null when it did not. */
  public Instant rotatedAt() {
    return rotatedAt;
  }

  public void plan(LifecyclePhase next, LifecycleAction action, Instant at) {
    phase = next;
    nextAction = action;
    nextActionAt = at;
  }

  public LifecyclePhase phase() {
    return phase;
  }

  public LifecycleAction nextAction() {
    return nextAction;
  }

  public Instant nextActionAt() {
    return nextActionAt;
  }

  public LifecycleInput input() {
    return input;
  }

  public RotationMode mode() {
    return mode;
  }

  public RotationRule rule() {
    return rule;
  }

  public Set<Role> awaitingRoles() {
    return gateOpen && !gateDecided() ? approvals.awaitingRoles() : Set.of();
  }

  public LifecycleState snapshot() {
    Set<Role> awaiting = awaitingRoles().isEmpty() ? Set.of() : EnumSet.copyOf(awaitingRoles());
    return new LifecycleState(
        input.key(),
        usage,
        classification,
        mode,
        rule.interval(),
        input.cycle(),
        phase,
        currentVersion,
        currentExpires,
        newVersion,
        nextAction,
        nextActionAt,
        awaiting,
        approvals.given(),
        input.enrolledBy(),
        enrolledAt != null ? enrolledAt : input.enrolledAt(),
        input.rotations());
  }
}
