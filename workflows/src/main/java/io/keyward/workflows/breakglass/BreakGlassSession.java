package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
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
 * The long-lived state of one break-glass session and its rules of who may do what (runbook 8.3
 * with the segregation of duties of 4.2). Plain code: the workflow owns time and I/O.
 */
public final class BreakGlassSession {
  /** How long the approvers of the level have to authorise before the session expires. */
  public static final Duration AUTHORISATION_WINDOW = Duration.ofHours(1);

  /** The post-incident review is due within a day of the revocation, then escalated. */
  public static final Duration REVIEW_WITHIN = Duration.ofHours(24);

  private final BreakGlassDeclaration declaration;
  private final List<Approval> approvals = new ArrayList<>();
  private final List<RecordedAction> actions = new ArrayList<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private BreakGlassPhase phase = BreakGlassPhase.ASSESSING_SCOPE;
  private ScopeAssessment assessment;
  private Instant deadline;
  private String deniedBy;
  private AccessGrant grant;
  private String endedBy;
  private Revocation revocation;
  private Instant revokedAt;
  private String revocationReason;
  private String reviewer;
  private String findings;
  private String outcomeReason;

  public BreakGlassSession(BreakGlassDeclaration declaration) {
    this.declaration = declaration;
  }

  /** Why the authorisation cannot be taken now; empty if it can. */
  public Optional<String> refusalFor(Authorisation authorisation) {
    if (authorisation == null
        || authorisation.actor() == null
        || authorisation.decision() == null) {
      return Optional.of("an authorisation needs an authenticated person and a decision");
    }
    if (phase != BreakGlassPhase.AWAITING_AUTHORISATION) {
      return Optional.of(notAwaitingAuthorisation());
    }
    Actor actor = authorisation.actor();
    String who = actor.id();
    if (who.equals(declaration.declarer().id())) {
      return Optional.of(
          who
              + " declared this session and cannot authorise it (runbook 8.3: never the declarer"
              + " approving alone)");
    }
    if (who.equals(declaration.admin().id())) {
      return Optional.of(
          who + " is the break-glass admin of this session and cannot authorise their own access");
    }
    if (authorisation.decision() == AuthorisationDecision.DENY
        && (authorisation.reason() == null || authorisation.reason().isBlank())) {
      return Optional.of("DENY needs a reason");
    }
    if (approvals.stream().anyMatch(a -> a.approver().equals(who))) {
      return Optional.of(who + " has already approved this session; " + stillNeeded());
    }
    BreakGlassLevel level = assessment.level();
    if (!actor.holdsAny(Set.copyOf(level.approvals()))) {
      return Optional.of(
          who
              + " holds none of the roles that authorise a "
              + level
              + " session: "
              + new TreeSet<>(level.approvals())
              + " (runbook 8.3: "
              + level.runbookText()
              + ")");
    }
    Optional<String> notOwner = ownerRefusal(actor, level);
    if (notOwner.isPresent()) {
      return notOwner;
    }
    if (authorisation.decision() == AuthorisationDecision.APPROVE && openSlotFor(actor).isEmpty()) {
      return Optional.of(
          "the approvals "
              + who
              + " could give are already given ("
              + givenText()
              + "); "
              + stillNeeded());
    }
    return Optional.empty();
  }

  /** Records an accepted authorisation; call only after {@link #refusalFor} returned empty. */
  public void apply(Authorisation authorisation, Instant at) {
    String who = authorisation.actor().id();
    if (authorisation.decision() == AuthorisationDecision.DENY) {
      deniedBy = who;
    } else {
      Role role = openSlotFor(authorisation.actor()).orElseThrow();
      approvals.add(new Approval(role, who, at));
    }
    record(at, who, authorisation.decision().name(), authorisation.reason());
  }

  /** Why the action cannot be recorded at {@code now}; empty if it can. */
  public Optional<String> refusalFor(SessionAction action, Instant now) {
    if (action == null || action.actor() == null) {
      return Optional.of("an action needs the authenticated break-glass admin");
    }
    if (phase != BreakGlassPhase.ACTIVE) {
      return Optional.of("no break-glass access is active: the session is " + phase);
    }
    if (!action.actor().id().equals(declaration.admin().id())) {
      return Optional.of(
          "only "
              + declaration.admin().id()
              + ", the break-glass admin of this session, records actions taken with its access");
    }
    if (!grant.liveAt(now)) {
      return Optional.of("the access expired at " + grant.expiresAt());
    }
    if (action.action() == null || action.action().isBlank()) {
      return Optional.of("action is required: what was done with the access");
    }
    if (action.action().length() > SessionAction.MAX_ACTION) {
      return Optional.of("action must be at most " + SessionAction.MAX_ACTION + " characters");
    }
    if (action.detail() != null && action.detail().length() > SessionAction.MAX_DETAIL) {
      return Optional.of("detail must be at most " + SessionAction.MAX_DETAIL + " characters");
    }
    if (action.key() != null && !declaration.scope().covers(action.key())) {
      return Optional.of(
          action.key() + " is outside this session's scope: " + declaration.scope().describe());
    }
    return Optional.empty();
  }

  public RecordedAction apply(SessionAction action, Instant at) {
    RecordedAction recorded =
        new RecordedAction(
            actions.size() + 1,
            at,
            action.actor().id(),
            action.key(),
            action.action().strip(),
            action.detail());
    actions.add(recorded);
    record(
        at,
        recorded.actor(),
        "ACTION",
        recorded.action() + (recorded.key() == null ? "" : " on " + recorded.key()));
    return recorded;
  }

  /** Why the session cannot be ended early by this request; empty if it can. */
  public Optional<String> refusalFor(EndRequest request) {
    if (request == null || request.actor() == null) {
      return Optional.of("ending a session needs an authenticated person");
    }
    if (phase != BreakGlassPhase.ACTIVE) {
      return Optional.of("only an active session can be ended early; the session is " + phase);
    }
    if (endedBy != null) {
      return Optional.of("the session is already being ended by " + endedBy);
    }
    Actor actor = request.actor();
    boolean party =
        actor.id().equals(declaration.admin().id())
            || actor.id().equals(declaration.declarer().id())
            || approvals.stream().anyMatch(a -> a.approver().equals(actor.id()));
    if (!party && !actor.holdsAny(BreakGlassRoles.ENDERS)) {
      return Optional.of(
          actor.id()
              + " may not end this session: its admin, declarer and approvers may, and holders of "
              + new TreeSet<>(BreakGlassRoles.ENDERS));
    }
    return Optional.empty();
  }

  public void apply(EndRequest request, Instant at) {
    endedBy = request.actor().id();
    record(at, endedBy, "END_REQUESTED", request.reason());
  }

  /** Why the review cannot be completed by this person now; empty if it can. */
  public Optional<String> refusalFor(Review review) {
    if (review == null || review.actor() == null) {
      return Optional.of("a review needs an authenticated reviewer");
    }
    if (phase != BreakGlassPhase.AWAITING_REVIEW && phase != BreakGlassPhase.REVIEW_OVERDUE) {
      return Optional.of(
          phase.isFinal()
              ? "this session is closed (" + phase + ")"
              : "the post-incident review opens when the access has been revoked; the session is "
                  + phase);
    }
    Actor actor = review.actor();
    if (!actor.holdsAny(BreakGlassRoles.REVIEWERS)) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that review break-glass sessions: "
              + new TreeSet<>(BreakGlassRoles.REVIEWERS));
    }
    if (actor.id().equals(declaration.admin().id())) {
      return Optional.of(
          actor.id() + " held the break-glass access and cannot review their own session");
    }
    if (actor.id().equals(declaration.declarer().id())) {
      return Optional.of(actor.id() + " declared this session and cannot review it");
    }
    if (approvals.stream().anyMatch(a -> a.approver().equals(actor.id()))) {
      return Optional.of(actor.id() + " authorised this session and cannot review it");
    }
    if (review.findings() == null || review.findings().isBlank()) {
      return Optional.of("findings are required: what the review found");
    }
    if (review.findings().length() > Review.MAX_FINDINGS) {
      return Optional.of("findings must be at most " + Review.MAX_FINDINGS + " characters");
    }
    return Optional.empty();
  }

  public void apply(Review review, Instant at) {
    reviewer = review.actor().id();
    findings = review.findings().strip();
    record(at, reviewer, "REVIEWED", findings);
  }

  public void assessed(ScopeAssessment assessment) {
    this.assessment = assessment;
  }

  /**
   * The grant to ask for once authorised: to the declared admin, on the declared scope, from {@code
   * at} for the declared duration (runbook 8.3: hard maximum, revoked automatically).
   */
  public AccessGrant accessToGrant(String grantId, Instant at, String resetOf) {
    return new AccessGrant(
        grantId,
        declaration.admin().id(),
        declaration.incident(),
        declaration.scope(),
        at,
        at.plus(declaration.duration()),
        resetOf);
  }

  public void granted(AccessGrant grant) {
    this.grant = grant;
  }

  public void revoked(Revocation revocation, Instant at, String reason) {
    this.revocation = revocation;
    this.revokedAt = at;
    this.revocationReason = reason;
  }

  public boolean authorised() {
    return assessment != null && approvals.size() == assessment.level().approvals().size();
  }

  public boolean denied() {
    return deniedBy != null;
  }

  public boolean endRequested() {
    return endedBy != null;
  }

  public boolean reviewed() {
    return reviewer != null;
  }

  public String endedBy() {
    return endedBy;
  }

  public String deniedBy() {
    return deniedBy;
  }

  public String reviewer() {
    return reviewer;
  }

  public AccessGrant grant() {
    return grant;
  }

  public ScopeAssessment assessment() {
    return assessment;
  }

  public int actionCount() {
    return actions.size();
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public BreakGlassPhase phase() {
    return phase;
  }

  public void moveTo(BreakGlassPhase next, Instant deadline) {
    this.phase = next;
    this.deadline = deadline;
  }

  public void finish(BreakGlassPhase last, String reason) {
    this.phase = last;
    this.deadline = null;
    this.outcomeReason = reason;
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  /** The roles that can act on the open human step. */
  public Set<Role> awaitingRoles() {
    return switch (phase) {
      case AWAITING_AUTHORISATION -> openRoles();
      case AWAITING_REVIEW -> BreakGlassRoles.REVIEWERS;
      case REVIEW_OVERDUE -> {
        Set<Role> roles = EnumSet.copyOf(BreakGlassRoles.REVIEWERS);
        roles.addAll(BreakGlassRoles.REVIEW_ESCALATION);
        yield roles;
      }
      default -> Set.of();
    };
  }

  public BreakGlassState snapshot() {
    Set<Role> awaiting = awaitingRoles();
    return new BreakGlassState(
        declaration,
        phase,
        assessment,
        awaiting.isEmpty() ? Set.of() : EnumSet.copyOf(awaiting),
        deadline,
        List.copyOf(approvals),
        deniedBy,
        grant,
        List.copyOf(actions),
        revocation,
        revokedAt,
        revocationReason,
        reviewer,
        findings,
        List.copyOf(timeline),
        outcomeReason);
  }

  private Optional<Role> openSlotFor(Actor actor) {
    return openRoles().stream()
        .filter(role -> actor.roles().contains(role) && mayFill(actor, role))
        .findFirst();
  }

  /**
   * Level 1's application-owner approval (runbook 8.3) comes from the owner of the keys in scope:
   * the accountable person the key register names for every one of them. Anyone else holding the
   * application-owner role has no part in the session.
   */
  private boolean mayFill(Actor actor, Role role) {
    return role != Role.APPLICATION_OWNER
        || assessment.soleOwner().map(actor.id()::equals).orElse(false);
  }

  private Optional<String> ownerRefusal(Actor actor, BreakGlassLevel level) {
    boolean onlyAsOwner =
        level.approvals().stream()
            .filter(role -> actor.roles().contains(role))
            .allMatch(role -> role == Role.APPLICATION_OWNER);
    if (!onlyAsOwner || mayFill(actor, Role.APPLICATION_OWNER)) {
      return Optional.empty();
    }
    return Optional.of(
        assessment
            .soleOwner()
            .map(
                owner ->
                    actor.id()
                        + " does not own the keys in scope: a Level 1 session is approved by their"
                        + " accountable owner, "
                        + owner
                        + ", as the key register names them (runbook 8.3)")
            .orElse(
                "the keys in scope do not have one accountable owner in the key register ("
                    + new TreeSet<>(
                        assessment.keys().stream().map(k -> k.key() + ": " + k.owner()).toList())
                    + "), so no application owner can approve this Level 1 session; declare one"
                    + " session per owner"));
  }

  private Set<Role> openRoles() {
    if (assessment == null) {
      return Set.of();
    }
    Set<Role> open = new LinkedHashSet<>(assessment.level().approvals());
    approvals.forEach(a -> open.remove(a.role()));
    return open;
  }

  private String stillNeeded() {
    Set<Role> open = openRoles();
    return open.isEmpty() ? "no approval is still needed" : "still needed: " + new TreeSet<>(open);
  }

  private String givenText() {
    return String.join(
        ", ", approvals.stream().map(a -> a.role() + " by " + a.approver()).toList());
  }

  private String notAwaitingAuthorisation() {
    if (phase == BreakGlassPhase.ASSESSING_SCOPE) {
      return "the scope is still being assessed, so the authorisation level is not known yet;"
          + " try again in a moment";
    }
    if (phase.isFinal()) {
      return "this session is closed (" + phase + "); no authorisation can be given";
    }
    return "authorisation is complete: the session is " + phase;
  }
}
