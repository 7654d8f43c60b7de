package io.keyward.workflows.webauthn;

import io.keyward.workflows.integration.RequestLinks;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A ceremony's decisions signed by the decider's own authenticator (ULTRA generation steps,
 * decisions on the manual rotation of an ULTRA key, level 2 and 3 break-glass authorisations, ULTRA
 * classification changes, a lead's approval of a security key), as workflow code uses it: {@link
 * #choose} in the main method once the ceremony knows whether its decisions need signatures, {@link
 * #load} when a step that needs them opens, {@link #refusalFor} in the Update validator (no I/O:
 * the credentials held), {@link #confirmOrRefuse} in the Update handler (reads the store again, so
 * a revocation counts from the moment it is stored). Runs started before the ceremony's change id
 * keep deciding as they did (see VERSIONS.md).
 */
public final class SignedDecisions {
  /**
   * The answer while a step that needs signatures is opening (its enrolled keys not loaded yet):
   * not a refusal of the person, who may send the same decision again in a moment.
   */
  public static final String STILL_LOADING =
      "the ceremony is still loading its enrolled security keys: try again";

  /** The failure type of the {@link #STILL_LOADING} answer, as the client receives it. */
  public static final String STILL_LOADING_TYPE = KeysStillLoadingException.class.getName();

  /** Store reads: short, retried for a few minutes, then the step or decision waits no longer. */
  public static final ActivityOptions CREDENTIAL_READS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  private final CredentialActivities activities =
      Workflow.newActivityStub(CredentialActivities.class, CREDENTIAL_READS);
  private final HeldCredentials held = new HeldCredentials();
  private final String changeId;
  private final String what;
  private boolean chosen;
  private boolean required;

  /**
   * @param changeId the ceremony's {@code Workflow.getVersion} change id of signed decisions
   * @param what the decisions that need a signature, as a refusal names them ("an ULTRA decision")
   */
  public SignedDecisions(String changeId, String what) {
    this.changeId = changeId;
    this.what = what;
  }

  /**
   * Decides once, in the main method before any step that needs signatures opens, whether this
   * run's decisions need assertions; only a run whose decisions need them ({@code needed}) records
   * the version marker, so the histories of the others do not change.
   */
  public void choose(boolean needed) {
    if (needed) {
      required = Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) == 1;
    }
    chosen = true;
  }

  /** Loads the ACTIVE credentials, when this run needs them. */
  public void load() {
    if (required) {
      held.replaceWith(activities.acceptedCredentials());
    }
  }

  /**
   * Why {@code assertion} cannot sign {@code actorId}'s decision at {@code step}; empty when it can
   * or when the decision needs none ({@code needed} false, or a run from before the change). For
   * validators only.
   *
   * @throws KeysStillLoadingException while the step's keys are not loaded yet: the Update is
   *     rejected, as a refusal is, but the person is not refused
   */
  public Optional<String> refusalFor(
      boolean needed, String actorId, String step, String reason, DecisionAssertion assertion) {
    if (!needed) {
      return Optional.empty();
    }
    if (!chosen || (required && !held.loaded())) {
      throw new KeysStillLoadingException();
    }
    if (!required) {
      return Optional.empty();
    }
    return held.refusalFor(
        actorId,
        assertion,
        challenge(step, reason, assertion),
        what,
        RequestLinks.pathFor(Workflow.getInfo().getWorkflowId()));
  }

  /**
   * In the Update handler, after the validator verified the assertion: reads the credentials again
   * and refuses what changed in between (a revocation, another use of the nonce or of a counter as
   * high), then records the use. It does not verify the signature again: the validator did, and
   * what it checks here must hold on replay, where the run's ids are not the real ones. Empty when
   * the decision may be applied.
   */
  private Optional<String> confirm(
      boolean needed, String actorId, String step, String reason, DecisionAssertion assertion) {
    if (!needed || !required) {
      return Optional.empty();
    }
    held.replaceWith(activities.acceptedCredentials());
    Optional<String> refusal = held.stillUsable(actorId, assertion);
    if (refusal.isPresent()) {
      return refusal;
    }
    long count = held.accept(assertion);
    activities.recordSignCount(assertion.credentialId(), count);
    return Optional.empty();
  }

  /**
   * In the Update handler: {@link #confirm}, then, when it read the store (which yields), the
   * ceremony's own {@code stepRefusal} again, since the step may have moved on meanwhile; throws
   * the {@code DecisionRefused} failure with the first refusal found.
   */
  public void confirmOrRefuse(
      boolean needed,
      String actorId,
      String step,
      String reason,
      DecisionAssertion assertion,
      Supplier<Optional<String>> stepRefusal) {
    Optional<String> refusal = confirm(needed, actorId, step, reason, assertion);
    if (refusal.isEmpty() && required) {
      refusal = stepRefusal.get();
    }
    if (refusal.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(refusal.get(), "DecisionRefused");
    }
  }

  /**
   * What the audit record keeps of a signed decision, enough for {@code verify-audit} to verify it
   * again offline: the assertion, the run and step it was made for.
   */
  public Map<String, String> auditDetails(String step, DecisionAssertion assertion) {
    Map<String, String> details = new LinkedHashMap<>();
    if (!required || assertion == null) {
      return details;
    }
    details.put(AssertionAudit.RUN_ID, Workflow.getInfo().getRunId());
    details.put(AssertionAudit.STEP, step);
    details.putAll(AssertionAudit.of(assertion));
    held.find(assertion.credentialId())
        .ifPresent(c -> details.put(AssertionAudit.SIGN_COUNT, String.valueOf(c.signCount())));
    return details;
  }

  private static String challenge(String step, String reason, DecisionAssertion assertion) {
    return DecisionChallenge.of(
        Workflow.getInfo().getWorkflowId(),
        Workflow.getInfo().getRunId(),
        step,
        reason,
        assertion == null ? null : assertion.nonce());
  }
}
