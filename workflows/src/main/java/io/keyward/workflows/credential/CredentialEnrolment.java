package io.keyward.workflows.credential;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of enrolling a credential: dual control, so that a stolen password cannot enrol the
 * thief's authenticator. A security team lead who is not the credential's person approves or
 * refuses it. Plain code: the workflow owns time and I/O.
 */
public final class CredentialEnrolment {
  /** Who approves an enrolment (runbook 4.2: the security team owns access to ULTRA keys). */
  public static final Set<Role> APPROVERS = Set.of(Role.SECURITY_TEAM_LEAD);

  private final EnrolmentRequest request;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private EnrolmentPhase phase = EnrolmentPhase.AWAITING_APPROVAL;
  private Instant deadline;
  private EnrolmentDecision decision;

  public CredentialEnrolment(EnrolmentRequest request) {
    this.request = request;
  }

  /** Why {@code decision} cannot be taken, in words for the person who tried; empty if it can. */
  public Optional<String> refusalFor(EnrolmentDecision decision) {
    if (decision == null || decision.actor() == null || decision.type() == null) {
      return Optional.of("a decision needs an authenticated person and a decision type");
    }
    Actor actor = decision.actor();
    if (phase.isFinal() || this.decision != null) {
      return Optional.of("this enrolment is closed (" + phase + ")");
    }
    if (actor.id().equals(request.person().id())) {
      return Optional.of(
          actor.id()
              + " registered this security key and cannot approve it: a security team lead who is"
              + " not its person does");
    }
    if (!actor.holdsAny(APPROVERS)) {
      return Optional.of(
          actor.id() + " is not a security team lead; only one approves security keys");
    }
    if (decision.type() == EnrolmentDecisionType.REFUSE
        && (decision.reason() == null || decision.reason().isBlank())) {
      return Optional.of("REFUSE needs a reason");
    }
    return Optional.empty();
  }

  public void apply(EnrolmentDecision decision, Instant at) {
    this.decision = decision;
    record(at, decision.actor().id(), decision.type().name(), decision.reason());
  }

  public boolean decided() {
    return decision != null;
  }

  public boolean approved() {
    return decision != null && decision.type() == EnrolmentDecisionType.APPROVE;
  }

  public String decider() {
    return decision == null ? null : decision.actor().id();
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  public void open(Instant deadline) {
    this.deadline = deadline;
  }

  public void finish(EnrolmentPhase last) {
    this.phase = last;
    this.deadline = null;
  }

  public EnrolmentPhase phase() {
    return phase;
  }

  public EnrolmentState snapshot() {
    return new EnrolmentState(
        request.person().id(),
        request.credentialId(),
        phase,
        deadline,
        decider(),
        List.copyOf(timeline));
  }
}
