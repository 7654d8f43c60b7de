package io.keyward.workflows.webauthn;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ceremony's ULTRA decisions signed by the decider's own authenticator, as workflow code uses it:
 * {@link #choose} in the main method, {@link #load} when a step that needs signatures opens, {@link
 * #refusalFor} in the Update validator (no I/O: the credentials held), {@link #confirm} in the
 * Update handler (reads the store again, so a revocation counts from the moment it is stored). Runs
 * started before this change keep deciding as they did ({@link #CHANGE_ID}, see VERSIONS.md).
 */
public final class SignedDecisions {
  /** The {@code Workflow.getVersion} change id of loading and checking credentials. */
  public static final String CHANGE_ID = "ultra-decisions-signed-by-authenticator";

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
  private boolean chosen;
  private boolean required;

  /**
   * Decides once, at the start of the main method, whether this run's ULTRA decisions need
   * assertions; only an ULTRA run records the version marker.
   */
  public void choose(boolean ultra) {
    if (ultra) {
      required = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
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
   * or when the decision needs none ({@code ultra} false, or a run from before this change).
   */
  public Optional<String> refusalFor(
      boolean ultra, String actorId, String step, String reason, DecisionAssertion assertion) {
    if (!ultra) {
      return Optional.empty();
    }
    if (!chosen || (required && !held.loaded())) {
      return Optional.of("the ceremony is still loading its enrolled security keys: try again");
    }
    if (!required) {
      return Optional.empty();
    }
    return held.refusalFor(actorId, assertion, challenge(step, reason, assertion));
  }

  /**
   * In the Update handler, after the validator verified the assertion: reads the credentials again
   * and refuses what changed in between (a revocation, another use of the nonce or of a counter as
   * high), then records the use. It does not verify the signature again: the validator did, and
   * what it checks here must hold on replay, where the run's ids are not the real ones. Empty when
   * the decision may be applied.
   */
  public Optional<String> confirm(
      boolean ultra, String actorId, String step, String reason, DecisionAssertion assertion) {
    if (!ultra || !required) {
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

  /** True when this run's ULTRA decisions carry assertions. */
  public boolean required() {
    return required;
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
