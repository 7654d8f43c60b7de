package io.keyward.workflows.rotation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.policy.RotationRule;
import io.keyward.workflows.register.KeyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The long-lived state of one manual rotation and its rules of who may decide what (runbook 6.3
 * dual control, 6.1 approval authority, 4.2 segregation of duties). Plain code: the workflow owns
 * time and I/O, and passes the current time in.
 */
public final class ManualRotation {
  /** Runbook 6.3: the pre-rotation phase starts 30 days before T. */
  public static final Duration PRE_ROTATION_LEAD = Duration.ofDays(30);

  /** Runbook 6.3: the post-rotation phase comes 7 days after the rotation. */
  public static final Duration POST_ROTATION_DELAY = Duration.ofDays(7);

  /** How far ahead a rotation may be planned. */
  public static final Duration MAX_PLANNING_HORIZON = Duration.ofDays(2 * 365);

  private final RotationRequest request;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private RotationRule rule;
  private RotationApprovals approvals;
  private Classification classification = Classification.ULTRA;
  private RotationPhase phase = RotationPhase.SCHEDULED;
  private Instant stepDeadline;
  private Instant rotationDate;
  private int plan;
  private Cancellation cancellation;
  private PreRotationChecks checks;
  private String securityReviewer;
  private boolean reviewRejected;
  private boolean recheckRequested;
  private String denier;
  private String executor;
  private String oldVersion;
  private String newVersion;
  private Instant executedAt;
  private RoundTripResult validation;
  private RotationDecisionType validationDecision;
  private String validationDecider;
  private String monitoringReviewer;
  private String outcomeReason;

  public ManualRotation(RotationRequest request) {
    this.request = request;
    this.rotationDate = request.rotationDate();
  }

  /**
   * The key's facts as the key register holds them, read when the rotation starts: its usage and
   * classification decide the approvals, the stricter of runbook 6.1's and 2.2's ({@link
   * RotationMatrix#ruleFor(io.keyward.workflows.policy.KeyUsage, Classification)}). Until then no
   * step is open and the key counts as ULTRA.
   */
  public void facts(KeyPolicy facts) {
    this.rule = RotationMatrix.ruleFor(facts.usage(), facts.classification());
    this.approvals = new RotationApprovals(rule);
    this.classification = facts.classification();
  }

  /**
   * Why {@code request} may not start a rotation (runbook 6.3: a requester's role and a
   * justification); empty if it may.
   */
  public static Optional<String> requestRefusal(RotationRequest request) {
    if (!request.requester().holdsAny(RotationRoles.REQUESTERS)) {
      return Optional.of(
          request.requester().id()
              + " may not request a rotation; requesters hold one of "
              + RotationRoles.REQUESTERS);
    }
    if (request.justification() == null || request.justification().isBlank()) {
      return Optional.of("a rotation needs a justification (runbook 6.3)");
    }
    return Optional.empty();
  }

  /**
   * Why {@code decision} cannot be taken now, in words for the person who tried; empty if it can.
   */
  public Optional<String> refusalFor(RotationDecision decision) {
    if (decision == null || decision.actor() == null || decision.type() == null) {
      return Optional.of("a decision needs an authenticated person and a decision type");
    }
    Actor actor = decision.actor();
    RotationDecisionType type = decision.type();
    if (phase.isFinal()) {
      return Optional.of("this rotation is closed (" + phase + "); no decision can be taken");
    }
    if (!openDecisions().contains(type)) {
      return Optional.of(
          type
              + " is not the open step: the rotation is "
              + phase
              + ", waiting for "
              + openDecisions());
    }
    if (needsReason(type) && blank(decision.reason())) {
      return Optional.of(type + " needs a reason");
    }
    boolean requester = actor.id().equals(request.requester().id());
    return switch (type) {
      case APPROVE_REVIEW, REJECT_REVIEW, RECHECK -> reviewRefusal(actor, type, requester);
      case CONFIRM_BACKUP -> backupConfirmerRefusal(actor, requester);
      case APPROVE, DENY -> approverRefusal(actor, requester);
      case EXECUTE -> executorRefusal(actor);
      case CONFIRM_MONITORING -> monitoringRefusal(actor, requester);
      case RETRY_VALIDATION, ROLLBACK, ACCEPT -> resolverRefusal(actor, type, requester);
    };
  }

  /** Records an accepted decision; call only after {@link #refusalFor} returned empty. */
  public void apply(RotationDecision decision, Instant at) {
    String who = decision.actor().id();
    String detail = decision.reason();
    switch (decision.type()) {
      case APPROVE_REVIEW -> securityReviewer = who;
      case REJECT_REVIEW -> {
        securityReviewer = who;
        reviewRejected = true;
      }
      case RECHECK -> recheckRequested = true;
      case CONFIRM_BACKUP ->
          checks = checks.withBackup(checks.backup().confirmed(who, decision.reason()));
      case APPROVE -> {
        String slot = approvals.approve(decision.actor());
        detail = slot + (blank(detail) ? "" : ": " + detail);
      }
      case DENY -> denier = who;
      case EXECUTE -> executor = who;
      case CONFIRM_MONITORING -> monitoringReviewer = who;
      case RETRY_VALIDATION, ROLLBACK, ACCEPT -> {
        validationDecision = decision.type();
        validationDecider = who;
      }
    }
    record(at, who, decision.type().name(), detail);
  }

  /** Why the rotation cannot be moved to the new date now; empty if it can. */
  public Optional<String> refusalFor(Reschedule reschedule, Instant now) {
    if (reschedule == null || reschedule.actor() == null || reschedule.rotationDate() == null) {
      return Optional.of("a reschedule needs an authenticated person and a new rotation date");
    }
    Optional<String> planner = plannerRefusal(reschedule.actor(), "reschedule");
    if (planner.isPresent()) {
      return planner;
    }
    if (blank(reschedule.reason())) {
      return Optional.of("a reschedule needs a reason");
    }
    if (!reschedule.rotationDate().isAfter(now)) {
      return Optional.of(
          "the new rotation date "
              + reschedule.rotationDate()
              + " is not in the future (now "
              + now
              + ")");
    }
    if (reschedule.rotationDate().isAfter(now.plus(MAX_PLANNING_HORIZON))) {
      return Optional.of(
          "the new rotation date "
              + reschedule.rotationDate()
              + " is more than "
              + MAX_PLANNING_HORIZON.toDays()
              + " days ahead");
    }
    if (reschedule.rotationDate().equals(rotationDate)) {
      return Optional.of("the rotation is already planned for " + rotationDate);
    }
    return Optional.empty();
  }

  /**
   * Moves T. Approvals already given at T are forgotten: approvers agree to a rotation at a date.
   */
  public void apply(Reschedule reschedule, Instant at) {
    Instant previous = rotationDate;
    rotationDate = reschedule.rotationDate();
    plan++;
    if (approvals != null) {
      approvals.clear();
    }
    record(
        at,
        reschedule.actor().id(),
        "RESCHEDULED",
        "from " + previous + " to " + rotationDate + ": " + reschedule.reason());
  }

  /** Why the rotation cannot be cancelled now; empty if it can. */
  public Optional<String> refusalFor(Cancellation cancellation) {
    if (cancellation == null || cancellation.actor() == null) {
      return Optional.of("a cancellation needs an authenticated person");
    }
    Optional<String> planner = plannerRefusal(cancellation.actor(), "cancel");
    if (planner.isPresent()) {
      return planner;
    }
    if (blank(cancellation.reason())) {
      return Optional.of("a cancellation needs a reason");
    }
    return Optional.empty();
  }

  public void apply(Cancellation cancellation, Instant at) {
    this.cancellation = cancellation;
    record(at, cancellation.actor().id(), "CANCEL_REQUESTED", cancellation.reason());
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  public void moveTo(RotationPhase next, Instant deadline) {
    phase = next;
    stepDeadline = deadline;
  }

  public void finish(RotationPhase last, String reason) {
    phase = last;
    stepDeadline = null;
    outcomeReason = reason;
  }

  /** The roles that can act on the open step. */
  public Set<Role> awaitingRoles() {
    return switch (phase) {
      case AWAITING_SECURITY_REVIEW -> reviewers();
      case AWAITING_APPROVAL -> approvals == null ? Set.of() : approvals.awaitingRoles();
      case AWAITING_EXECUTION -> RotationRoles.ROTATORS;
      case AWAITING_VALIDATION_DECISION -> RotationRoles.VALIDATION_RESOLVERS;
      case AWAITING_MONITORING_REVIEW -> RotationRoles.MONITORING_REVIEWERS;
      default -> Set.of();
    };
  }

  public RotationState snapshot() {
    Set<Role> awaiting = awaitingRoles().isEmpty() ? Set.of() : EnumSet.copyOf(awaitingRoles());
    return new RotationState(
        request,
        rule,
        classification,
        phase,
        awaiting,
        stepDeadline,
        rotationDate,
        preRotationAt(),
        checks,
        securityReviewer,
        approvals == null ? List.of() : approvals.given(),
        executor,
        oldVersion,
        newVersion,
        executedAt,
        validation,
        validationDecider,
        monitoringReviewer,
        List.copyOf(timeline),
        outcomeReason);
  }

  public RotationRequest request() {
    return request;
  }

  public Instant preRotationAt() {
    return rotationDate.minus(PRE_ROTATION_LEAD);
  }

  public Instant rotationDate() {
    return rotationDate;
  }

  /** Grows by one with every reschedule, so a waiting step sees that T moved. */
  public int plan() {
    return plan;
  }

  public boolean cancelled() {
    return cancellation != null;
  }

  /** The accepted cancellation; null while the rotation is not cancelled. */
  public Cancellation cancellation() {
    return cancellation;
  }

  public void checks(PreRotationChecks found) {
    checks = found;
    recheckRequested = false;
  }

  public PreRotationChecks checks() {
    return checks;
  }

  public boolean reviewDecided() {
    return securityReviewer != null;
  }

  public boolean reviewRejected() {
    return reviewRejected;
  }

  public boolean recheckRequested() {
    return recheckRequested;
  }

  public boolean approved() {
    return approvals != null && approvals.complete();
  }

  public String denier() {
    return denier;
  }

  public boolean executionOrdered() {
    return executor != null;
  }

  public String executor() {
    return executor;
  }

  public void executed(String old, String made, Instant at) {
    oldVersion = old;
    newVersion = made;
    executedAt = at;
  }

  public String oldVersion() {
    return oldVersion;
  }

  public String newVersion() {
    return newVersion;
  }

  public Instant executedAt() {
    return executedAt;
  }

  public void validation(RoundTripResult result) {
    validation = result;
  }

  /** The decision taken after a failed validation, once; null while none is taken. */
  public RotationDecisionType takeValidationDecision() {
    RotationDecisionType taken = validationDecision;
    validationDecision = null;
    return taken;
  }

  public boolean validationDecided() {
    return validationDecision != null;
  }

  public boolean monitoringConfirmed() {
    return monitoringReviewer != null;
  }

  public Classification classification() {
    return classification;
  }

  public RotationRule rule() {
    return rule;
  }

  public RotationPhase phase() {
    return phase;
  }

  public String outcomeReason() {
    return outcomeReason;
  }

  private boolean backupAwaitsConfirmation() {
    return checks != null && checks.backup() != null && checks.backup().awaitsConfirmation();
  }

  /** The security team, and while the backup waits for its confirmation, who may confirm it. */
  private Set<Role> reviewers() {
    Set<Role> roles = EnumSet.copyOf(RotationRoles.SECURITY_REVIEWERS);
    if (backupAwaitsConfirmation()) {
      roles.addAll(RotationRoles.BACKUP_CONFIRMERS);
    }
    return roles;
  }

  private Set<RotationDecisionType> openDecisions() {
    return switch (phase) {
      case AWAITING_SECURITY_REVIEW -> {
        Set<RotationDecisionType> review =
            EnumSet.of(
                RotationDecisionType.APPROVE_REVIEW,
                RotationDecisionType.REJECT_REVIEW,
                RotationDecisionType.RECHECK);
        if (backupAwaitsConfirmation()) {
          review.add(RotationDecisionType.CONFIRM_BACKUP);
        }
        yield review;
      }
      case AWAITING_APPROVAL -> EnumSet.of(RotationDecisionType.APPROVE, RotationDecisionType.DENY);
      case AWAITING_EXECUTION -> EnumSet.of(RotationDecisionType.EXECUTE);
      case AWAITING_VALIDATION_DECISION ->
          EnumSet.of(
              RotationDecisionType.RETRY_VALIDATION,
              RotationDecisionType.ROLLBACK,
              RotationDecisionType.ACCEPT);
      case AWAITING_MONITORING_REVIEW -> EnumSet.of(RotationDecisionType.CONFIRM_MONITORING);
      default -> EnumSet.noneOf(RotationDecisionType.class);
    };
  }

  private Optional<String> reviewRefusal(
      Actor actor, RotationDecisionType type, boolean requester) {
    if (requester) {
      return Optional.of(
          actor.id()
              + " requested this rotation and cannot review it (runbook 6.3: the security team reviews)");
    }
    if (!actor.holdsAny(RotationRoles.SECURITY_REVIEWERS)) {
      return Optional.of(
          actor.id()
              + " holds none of the security team roles that review a rotation: "
              + new TreeSet<>(RotationRoles.SECURITY_REVIEWERS));
    }
    if (type == RotationDecisionType.APPROVE_REVIEW && backupAwaitsConfirmation()) {
      return Optional.of(
          "the backup of the key waits for a confirmation by one of "
              + new TreeSet<>(RotationRoles.BACKUP_CONFIRMERS)
              + " ("
              + checks.backup().detail()
              + ")");
    }
    if (type == RotationDecisionType.APPROVE_REVIEW && checks != null && !checks.backupVerified()) {
      return Optional.of(
          "the backup of the key was not verified ("
              + (checks.backup() == null ? "not run" : checks.backup().detail())
              + "); fix the backup and RECHECK, or REJECT_REVIEW");
    }
    return Optional.empty();
  }

  private Optional<String> backupConfirmerRefusal(Actor actor, boolean requester) {
    if (requester) {
      return Optional.of(
          actor.id()
              + " requested this rotation; its backup is confirmed by someone else (runbook 6.3:"
              + " dual control)");
    }
    if (!actor.holdsAny(RotationRoles.BACKUP_CONFIRMERS)) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that back keys up and may confirm a backup: "
              + new TreeSet<>(RotationRoles.BACKUP_CONFIRMERS)
              + " (runbook 4.2)");
    }
    return Optional.empty();
  }

  private Optional<String> approverRefusal(Actor actor, boolean requester) {
    if (requester) {
      return Optional.of(
          actor.id()
              + " requested this rotation and cannot approve it (runbook 6.3: dual control)");
    }
    if (approvals == null) {
      return Optional.of("the key's facts are still being read from the key register");
    }
    return approvals.refusalFor(actor);
  }

  private Optional<String> executorRefusal(Actor actor) {
    if (!actor.holdsAny(RotationRoles.ROTATORS)) {
      return Optional.of(
          actor.id()
              + " may not execute a rotation: that needs one of "
              + new TreeSet<>(RotationRoles.ROTATORS)
              + " (runbook 4.2)");
    }
    if (approvals != null && approvals.isApprover(actor.id())) {
      return Optional.of(
          actor.id()
              + " approved this rotation and cannot also execute it (runbook 6.3: dual control)");
    }
    return Optional.empty();
  }

  private Optional<String> monitoringRefusal(Actor actor, boolean requester) {
    if (!actor.holdsAny(RotationRoles.MONITORING_REVIEWERS)) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that review security monitoring: "
              + new TreeSet<>(RotationRoles.MONITORING_REVIEWERS));
    }
    if (requester || actor.id().equals(executor)) {
      return Optional.of(
          actor.id()
              + " requested or executed this rotation; the monitoring review needs someone independent");
    }
    return Optional.empty();
  }

  private Optional<String> resolverRefusal(
      Actor actor, RotationDecisionType type, boolean requester) {
    if (!actor.holdsAny(RotationRoles.VALIDATION_RESOLVERS)) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that decide after a failed validation: "
              + new TreeSet<>(RotationRoles.VALIDATION_RESOLVERS));
    }
    // Keeping a version that failed its validation is a waiver: never by whoever asked for the
    // rotation or made the version (segregation of duties, runbook 4.1).
    if (type == RotationDecisionType.ACCEPT && (requester || actor.id().equals(executor))) {
      return Optional.of(
          actor.id()
              + (requester ? " requested" : " executed")
              + " this rotation and cannot accept its failed validation; another of "
              + new TreeSet<>(RotationRoles.VALIDATION_RESOLVERS)
              + " must");
    }
    return Optional.empty();
  }

  private Optional<String> plannerRefusal(Actor actor, String action) {
    if (phase.isFinal()) {
      return Optional.of(
          "this rotation is closed (" + phase + "); it cannot be " + pastTense(action));
    }
    if (!phase.isBeforeExecution()) {
      return Optional.of(
          "the rotation is " + phase + ": once executed it can no longer be " + pastTense(action));
    }
    boolean requester = actor.id().equals(request.requester().id());
    if (!requester && !actor.holdsAny(RotationRoles.ROTATORS)) {
      return Optional.of(
          actor.id()
              + " may not "
              + action
              + " this rotation: only its requester or one of "
              + new TreeSet<>(RotationRoles.ROTATORS)
              + " may");
    }
    return Optional.empty();
  }

  private static String pastTense(String action) {
    return action.equals("cancel") ? "cancelled" : "rescheduled";
  }

  private static boolean needsReason(RotationDecisionType type) {
    return type == RotationDecisionType.DENY
        || type == RotationDecisionType.CONFIRM_BACKUP
        || type == RotationDecisionType.REJECT_REVIEW
        || type == RotationDecisionType.ROLLBACK
        || type == RotationDecisionType.ACCEPT;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
