package io.keyward.api.refusal;

import io.dropwizard.lifecycle.Managed;
import io.keyward.api.errors.ApiException;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every attempt a ceremony refuses, on every surface (API, web pages, Slack), goes through here: it
 * is written to the audit trail as {@value #REFUSED} (runbook 9.1: rejected attempts are audited
 * too) and becomes the API's error, 409 when the ceremony refused it in its current state, 403 when
 * the person may not do it at all. A person who keeps being refused is throttled ({@link
 * RefusalThrottle}): further attempts answer 429 without reaching the ceremony, and the trail gets
 * one {@value RefusalThrottle#THROTTLED} record with their count instead of one record each.
 */
public final class Refusals implements Managed {
  /** The audit event type of a refused attempt. */
  public static final String REFUSED = "ATTEMPT_REFUSED";

  private final AuditStore audit;
  private final Clock clock;
  private final RefusalThrottle throttle;

  public Refusals(AuditStore audit, Clock clock, RefusalThrottle throttle) {
    this.audit = audit;
    this.clock = clock;
    this.throttle = throttle;
  }

  /**
   * Sends an Update on behalf of {@code actor}; its answer is the ceremony's state after it. A
   * refusal by its validator, or a ceremony that has finished, is recorded and answered in the
   * ceremony's words, 409 ({@code whyClosed} says why a finished one refuses), unless the person
   * may not even see the ceremony: then it is the 403 of {@code whyHidden}, the same answer as to
   * their reading it, so that a refusal tells nobody without a part in a ceremony where it stands.
   * A step still loading the keys that sign it (a failure of type {@link
   * SignedDecisions#STILL_LOADING_TYPE}) is answered 409 without being counted against the person
   * or recorded: they did nothing wrong. Who may see is asked only after a refusal: an accepted
   * Update costs no query.
   *
   * @param whyHidden why {@code actor} may not see the ceremony, empty when they may; throws the
   *     404 when there is no such ceremony
   * @throws TooManyRefusalsException when {@code actor} is throttled; nothing is sent
   */
  public <S> S send(
      String subject,
      Actor actor,
      String attempt,
      Supplier<S> update,
      Supplier<String> whyClosed,
      Supplier<Optional<String>> whyHidden) {
    admit(actor.id());
    try {
      return update.get();
    } catch (WorkflowUpdateException refusal) {
      String why = message(refusal);
      if (stillLoading(refusal) && whyHidden.get().isEmpty()) {
        // The step is opening, not refusing the person: neither counted nor recorded.
        throw new ConflictException(why);
      }
      throw refused(subject, actor.id(), attempt, () -> why, whyHidden);
    } catch (WorkflowNotFoundException finished) {
      throw refused(subject, actor.id(), attempt, whyClosed, whyHidden);
    }
  }

  private ApiException refused(
      String subject,
      String actor,
      String attempt,
      Supplier<String> why,
      Supplier<Optional<String>> whyHidden) {
    Optional<String> hidden = whyHidden.get();
    if (hidden.isPresent()) {
      record(subject, actor, attempt, hidden.get(), Map.of());
      return new HiddenException(hidden.get());
    }
    return conflict(subject, actor, attempt, why.get());
  }

  /**
   * @throws TooManyRefusalsException when {@code actor} was refused too often lately
   */
  public void admit(String actor) {
    throttle.admit(actor, clock.instant());
  }

  /** 409 with the ceremony's own words, recorded. */
  public ConflictException conflict(String subject, String actor, String attempt, String why) {
    record(subject, actor, attempt, why, Map.of());
    return new ConflictException(why);
  }

  /** 403, recorded. */
  public ForbiddenException forbidden(String subject, String actor, String attempt, String why) {
    record(subject, actor, attempt, why, Map.of());
    return new ForbiddenException(why);
  }

  /**
   * Records a refusal that a surface answers itself (Slack replies in the chat), with what that
   * surface adds ({@code extra}, e.g. the channel).
   */
  public void record(
      String subject, String actor, String attempt, String why, Map<String, String> extra) {
    if (!throttle.countRefusal(actor, clock.instant())) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>(extra);
    details.put("attempt", attempt);
    details.put("refusal", why);
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(), subject, REFUSED, actor, clock.instant(), details));
  }

  /** Starts counting windows out. */
  @Override
  public void start() {
    throttle.start();
  }

  /** Records what is still counted; the audit store must still be open. */
  @Override
  public void stop() throws InterruptedException {
    throttle.stop();
  }

  /** The refusal a validator gave, as the person should read it. */
  /** Whether the ceremony answered that its step is still loading the keys that sign it. */
  private static boolean stillLoading(WorkflowUpdateException refusal) {
    return refusal.getCause() instanceof ApplicationFailure failure
        && SignedDecisions.STILL_LOADING_TYPE.equals(failure.getType());
  }

  public static String message(WorkflowUpdateException refusal) {
    return refusal.getCause() instanceof TemporalFailure failure
        ? failure.getOriginalMessage()
        : refusal.getMessage();
  }
}
