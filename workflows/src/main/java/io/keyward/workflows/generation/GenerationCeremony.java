package io.keyward.workflows.generation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.CeremonyRoles;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.PolicyViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The long-lived state of one generation ceremony and its rules of who may decide what (runbook 3.3
 * two-person integrity, 4.2 segregation of duties). Plain code: the workflow owns time and I/O.
 */
public final class GenerationCeremony {
  private final GenerationRequest request;
  private final ClassificationPolicy policy;
  private final Set<String> approvers = new LinkedHashSet<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private GenerationPhase phase = GenerationPhase.AWAITING_APPROVAL;
  private Instant stepDeadline;
  private String denier;
  private String custodian1;
  private String custodian2;
  private String securityValidator;
  private boolean rejected;
  private KeyVersionInfo keyVersion;
  private String outcomeReason;

  public GenerationCeremony(GenerationRequest request, ClassificationPolicy policy) {
    this.request = request;
    this.policy = policy;
  }

  /**
   * Why the request cannot open a ceremony at all: a spec that breaks the classification's crypto
   * standards, or a requester who may not request keys. Empty when it can.
   */
  public static Optional<String> requestRefusal(GenerationRequest request) {
    List<PolicyViolation> violations =
        CryptoStandards.violations(request.spec(), request.classification());
    if (!violations.isEmpty()) {
      return Optional.of("the key spec breaks policy: " + violations);
    }
    if (!request.requester().holdsAny(CeremonyRoles.REQUESTERS)) {
      return Optional.of(
          request.requester().id()
              + " may not request keys; requesters hold one of "
              + CeremonyRoles.REQUESTERS);
    }
    return Optional.empty();
  }

  /**
   * What custodian 1 orders the provider to make: the approved spec, disabled, valid from {@code
   * notBefore} for the spec's days (or the standard's default), tagged with the ceremony.
   */
  public CreateKeyCommand createCommand(Instant notBefore, String ceremonyId, String idempotency) {
    int days =
        request.spec().validityDays() == null
            ? CryptoStandards.DEFAULT_VALIDITY_DAYS
            : request.spec().validityDays();
    KeyAttributes attributes =
        new KeyAttributes(
            request.spec().operations(),
            notBefore,
            notBefore.plus(Duration.ofDays(days)),
            false,
            GenerationTags.forRequest(request, ceremonyId));
    return new CreateKeyCommand(
        request.key(), request.spec(), policy.protection(), attributes, idempotency);
  }

  /** Findings of the security validation, the round trip's failure among them. */
  public List<String> complianceFindings(KeyVersionInfo current, RoundTripResult roundTrip) {
    List<String> findings = new ArrayList<>(KeyAttributeCheck.complianceFindings(current, request));
    if (!roundTrip.passed()) {
      findings.add("round trip " + roundTrip.operation() + " failed: " + roundTrip.detail());
    }
    return List.copyOf(findings);
  }

  public ClassificationPolicy policy() {
    return policy;
  }

  /**
   * Why {@code decision} cannot be taken now, in words for the person who tried; empty if it can.
   */
  public Optional<String> refusalFor(Decision decision) {
    if (decision == null || decision.actor() == null || decision.type() == null) {
      return Optional.of("a decision needs an authenticated person and a decision type");
    }
    Actor actor = decision.actor();
    String who = actor.id();
    DecisionType type = decision.type();
    if (phase.isFinal()) {
      return Optional.of("this request is closed (" + phase + "); no decision can be taken");
    }
    if (openDecisions().isEmpty()) {
      return Optional.of(
          "no step is open for people: Keyward is "
              + phase
              + "; try again once the request waits for a decision");
    }
    if (!openDecisions().contains(type)) {
      return Optional.of(
          type
              + " is not the open step: the request is "
              + phase
              + ", waiting for "
              + openDecisions());
    }
    if (who.equals(request.requester().id())) {
      return Optional.of(
          who + " requested this key and cannot decide on it (runbook 3.3: two-person integrity)");
    }
    if ((type == DecisionType.DENY || type == DecisionType.REJECT)
        && (decision.reason() == null || decision.reason().isBlank())) {
      return Optional.of(type + " needs a reason");
    }
    return switch (type) {
      case APPROVE, DENY -> approverRefusal(actor);
      case GENERATE -> custodianRefusal(actor, 1);
      case VERIFY, REJECT -> custodianRefusal(actor, 2);
      case REGISTER -> securityRefusal(actor);
    };
  }

  /** Records an accepted decision; call only after {@link #refusalFor} returned empty. */
  public void apply(Decision decision, Instant at) {
    String who = decision.actor().id();
    switch (decision.type()) {
      case APPROVE -> approvers.add(who);
      case DENY -> denier = who;
      case GENERATE -> custodian1 = who;
      case VERIFY -> custodian2 = who;
      case REJECT -> {
        custodian2 = who;
        rejected = true;
      }
      case REGISTER -> securityValidator = who;
    }
    record(at, who, decision.type().name(), decision.reason());
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  public boolean quorumReached() {
    return approvers.size() >= policy.quorum();
  }

  public boolean denied() {
    return denier != null;
  }

  public boolean generationOrdered() {
    return custodian1 != null;
  }

  public boolean verificationDecided() {
    return custodian2 != null;
  }

  public boolean rejectedByCustodian() {
    return rejected;
  }

  public boolean registrationOrdered() {
    return securityValidator != null;
  }

  /** Who validated compliance and ordered the registration; null until someone did. */
  public String securityValidator() {
    return securityValidator;
  }

  public void moveTo(GenerationPhase next, Instant deadline) {
    this.phase = next;
    this.stepDeadline = deadline;
  }

  public void finish(GenerationPhase last, String reason) {
    this.phase = last;
    this.stepDeadline = null;
    this.outcomeReason = reason;
  }

  public void keyVersion(KeyVersionInfo version) {
    this.keyVersion = version;
  }

  public KeyVersionInfo keyVersion() {
    return keyVersion;
  }

  public GenerationPhase phase() {
    return phase;
  }

  public String denier() {
    return denier;
  }

  /** The roles that can act on the open step. */
  public Set<Role> awaitingRoles() {
    return switch (phase) {
      case AWAITING_APPROVAL -> policy.approverRoles();
      case AWAITING_GENERATION, AWAITING_VERIFICATION -> CeremonyRoles.CUSTODIANS;
      case AWAITING_REGISTRATION -> CeremonyRoles.SECURITY_VALIDATORS;
      default -> Set.of();
    };
  }

  public GenerationState snapshot() {
    Set<Role> awaiting = awaitingRoles().isEmpty() ? Set.of() : EnumSet.copyOf(awaitingRoles());
    return new GenerationState(
        request,
        policy,
        phase,
        awaiting,
        stepDeadline,
        List.copyOf(approvers),
        custodian1,
        custodian2,
        securityValidator,
        keyVersion,
        List.copyOf(timeline),
        outcomeReason);
  }

  private Set<DecisionType> openDecisions() {
    return switch (phase) {
      case AWAITING_APPROVAL -> EnumSet.of(DecisionType.APPROVE, DecisionType.DENY);
      case AWAITING_GENERATION -> EnumSet.of(DecisionType.GENERATE);
      case AWAITING_VERIFICATION -> EnumSet.of(DecisionType.VERIFY, DecisionType.REJECT);
      case AWAITING_REGISTRATION -> EnumSet.of(DecisionType.REGISTER);
      default -> EnumSet.noneOf(DecisionType.class);
    };
  }

  private Optional<String> approverRefusal(Actor actor) {
    if (approvers.contains(actor.id())) {
      return Optional.of(actor.id() + " has already approved this request");
    }
    if (!actor.holdsAny(policy.approverRoles())) {
      return Optional.of(
          actor.id()
              + " holds none of the roles eligible to approve a "
              + policy.classification()
              + " key: "
              + new TreeSet<>(policy.approverRoles()));
    }
    return Optional.empty();
  }

  private Optional<String> custodianRefusal(Actor actor, int step) {
    if (!actor.holdsAny(CeremonyRoles.CUSTODIANS)) {
      return Optional.of(actor.id() + " is not a key custodian");
    }
    if (approvers.contains(actor.id())) {
      return Optional.of(
          actor.id() + " approved this request and cannot also act as key custodian");
    }
    if (step == 2 && actor.id().equals(custodian1)) {
      return Optional.of(
          actor.id() + " generated the key as custodian 1; custodian 2 must be a different person");
    }
    return Optional.empty();
  }

  private Optional<String> securityRefusal(Actor actor) {
    if (!actor.holdsAny(CeremonyRoles.SECURITY_VALIDATORS)) {
      return Optional.of(
          actor.id()
              + " holds none of the security roles that validate compliance: "
              + new TreeSet<>(CeremonyRoles.SECURITY_VALIDATORS));
    }
    if (approvers.contains(actor.id())
        || actor.id().equals(custodian1)
        || actor.id().equals(custodian2)) {
      return Optional.of(
          actor.id()
              + " already took part in this ceremony; security validation needs someone"
              + " independent");
    }
    return Optional.empty();
  }
}
