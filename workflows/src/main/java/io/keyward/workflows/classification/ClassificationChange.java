package io.keyward.workflows.classification;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.PolicyViolation;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one classification change and its rules (runbook 2.2 quorums, 3.3 two-person
 * integrity, Appendix A): the quorum is the higher classification's of the key's old and new one,
 * so nobody lowers a key with fewer approvals than raised it, and a key the register does not hold
 * counts as ULTRA; the requester never decides, nobody votes twice, an ULTRA quorum includes an
 * executive. Plain code: the workflow owns time and I/O.
 */
public final class ClassificationChange {
  /** Who may ask for a key's facts to be set: those who request and manage keys (runbook 4.2). */
  public static final Set<Role> REQUESTERS =
      Set.of(
          Role.CRYPTO_OFFICER, Role.KEY_CUSTODIAN, Role.SECURITY_TEAM_LEAD, Role.APPLICATION_OWNER);

  /** The executives one of whom an ULTRA quorum includes (runbook 2.2). */
  public static final Set<Role> EXECUTIVES = Set.of(Role.CISO, Role.CTO, Role.CEO);

  private final ClassificationChangeRequest request;
  private final Set<String> approvers = new LinkedHashSet<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private boolean read;
  private RegisteredKey before;
  private ClassificationPolicy policy;
  private ClassificationPhase phase = ClassificationPhase.READING_REGISTER;
  private Instant stepDeadline;
  private boolean executiveApproved;
  private String denier;
  private String outcomeReason;

  public ClassificationChange(ClassificationChangeRequest request) {
    this.request = request;
  }

  /**
   * The classification whose quorum decides: the higher of {@code old} (ULTRA when none) and new.
   */
  public static Classification deciding(Optional<Classification> old, Classification wanted) {
    Classification was = old.orElse(Classification.ULTRA);
    return was.ordinal() < wanted.ordinal() ? was : wanted;
  }

  /** The key's entry when the change starts; sets the deciding quorum. */
  public void before(Optional<RegisteredKey> entry) {
    before = entry.orElse(null);
    read = true;
    policy =
        PolicyMatrix.policyFor(
            deciding(entry.map(RegisteredKey::classification), request.classification()));
  }

  /** Why the request cannot go to the approvers, in words for the requester; empty if it can. */
  public Optional<String> requestRefusal() {
    Actor requester = request.requester();
    if (!requester.holdsAny(REQUESTERS)) {
      return Optional.of(
          requester.id()
              + " may not ask for a key's classification to be set: requesters hold one of "
              + new TreeSet<>(REQUESTERS));
    }
    if (request.justification() == null || request.justification().isBlank()) {
      return Optional.of("a classification change needs a justification (runbook Appendix A)");
    }
    Optional<PolicyViolation> violation = request.usage().violationAt(request.classification());
    if (violation.isPresent()) {
      return Optional.of(violation.get().message());
    }
    if (before == null && request.owner() == null) {
      return Optional.of(
          request.key()
              + " is not in the key register: name its owner (application and accountable person)"
              + " with its classification and usage");
    }
    if (before != null
        && before.classification() == request.classification()
        && before.usage() == request.usage()
        && (request.owner() == null || request.owner().equals(before.owner()))) {
      return Optional.of(
          request.key()
              + " already is "
              + before.classification()
              + " "
              + before.usage()
              + (request.owner() == null ? "" : " owned by " + before.owner().describe())
              + " in the key register; nothing to change");
    }
    return Optional.empty();
  }

  /** Why {@code decision} cannot be taken now; empty if it can. */
  public Optional<String> refusalFor(ClassificationDecision decision) {
    if (decision == null || decision.actor() == null || decision.type() == null) {
      return Optional.of("a decision needs an authenticated person and a decision type");
    }
    if (phase.isFinal()) {
      return Optional.of("this change is closed (" + phase + "); no decision can be taken");
    }
    if (phase != ClassificationPhase.AWAITING_APPROVAL) {
      return Optional.of("the key's facts are still being read from the key register; try again");
    }
    Actor actor = decision.actor();
    if (actor.id().equals(request.requester().id())) {
      return Optional.of(
          actor.id()
              + " requested this change and cannot decide on it (runbook 2.2: dual control)");
    }
    if (decision.type() == ClassificationDecisionType.DENY
        && (decision.reason() == null || decision.reason().isBlank())) {
      return Optional.of("DENY needs a reason");
    }
    if (approvers.contains(actor.id())) {
      return Optional.of(actor.id() + " has already approved this change");
    }
    if (!actor.holdsAny(policy.approverRoles())) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that approve for a "
              + policy.classification()
              + " key: "
              + new TreeSet<>(policy.approverRoles())
              + " ("
              + policy.quorumText()
              + ", the higher of the key's old and new classification)");
    }
    if (decision.type() == ClassificationDecisionType.APPROVE && executiveStillNeeded(actor)) {
      return Optional.of(
          "the last approval of an ULTRA change comes from an executive "
              + new TreeSet<>(EXECUTIVES)
              + " (runbook 2.2: executive approval); "
              + actor.id()
              + " is not one");
    }
    return Optional.empty();
  }

  public void apply(ClassificationDecision decision, Instant at) {
    String who = decision.actor().id();
    if (decision.type() == ClassificationDecisionType.DENY) {
      denier = who;
    } else {
      approvers.add(who);
      executiveApproved |= decision.actor().holdsAny(EXECUTIVES);
    }
    record(at, who, decision.type().name(), decision.reason());
  }

  /** The register update the approved change writes. */
  public RegisterUpdate update(String changeId, String ceremony, Instant at) {
    boolean registering = before == null;
    return new RegisterUpdate(
        request.key(),
        changeId,
        ceremony,
        String.join(", ", approvers),
        at,
        request.classification(),
        request.usage(),
        request.owner(),
        PolicyMatrix.policyFor(request.classification()).protection(),
        null,
        registering ? KeyState.ACTIVE : null,
        null);
  }

  private boolean executiveStillNeeded(Actor actor) {
    return policy.classification() == Classification.ULTRA
        && !executiveApproved
        && approvers.size() == policy.quorum() - 1
        && !actor.holdsAny(EXECUTIVES);
  }

  public boolean quorumReached() {
    return policy != null && approvers.size() >= policy.quorum();
  }

  public boolean denied() {
    return denier != null;
  }

  public String denier() {
    return denier;
  }

  public boolean registered() {
    return before != null;
  }

  public ClassificationPolicy policy() {
    return policy;
  }

  public ClassificationPhase phase() {
    return phase;
  }

  public void moveTo(ClassificationPhase next, Instant deadline) {
    phase = next;
    stepDeadline = deadline;
  }

  public void finish(ClassificationPhase last, String reason) {
    phase = last;
    stepDeadline = null;
    outcomeReason = reason;
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  public Set<Role> awaitingRoles() {
    return phase == ClassificationPhase.AWAITING_APPROVAL && policy != null
        ? policy.approverRoles()
        : Set.of();
  }

  /** e.g. {@code CONFIDENTIAL APPLICATION -> SECRET DATABASE_TDE}. */
  public String describe() {
    String was =
        before == null
            ? "unregistered (counts as ULTRA)"
            : before.classification() + " " + before.usage();
    return was + " -> " + request.classification() + " " + request.usage();
  }

  public ClassificationChangeState snapshot() {
    Set<Role> awaiting = awaitingRoles();
    return new ClassificationChangeState(
        request,
        before,
        read ? Objects.requireNonNull(policy) : null,
        phase,
        awaiting.isEmpty() ? Set.of() : EnumSet.copyOf(awaiting),
        stepDeadline,
        List.copyOf(approvers),
        denier,
        List.copyOf(timeline),
        outcomeReason);
  }
}
