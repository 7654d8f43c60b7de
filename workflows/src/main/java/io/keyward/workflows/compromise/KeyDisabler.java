package io.keyward.workflows.compromise;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.IncidentActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * Disables every version of a compromised key, retrying until the provider confirms. Each attempt
 * is one short activity call ({@link IncidentActivityOptions#DISABLE_ATTEMPT}); the retrying
 * happens here, in workflow code, so that the attempts can be counted and the security channel
 * alerted after the first {@value #ALERT_AFTER_FAILURES} failures. There is no give-up: only a key
 * that no provider holds ends the loop unsuccessfully. Use from workflow code only.
 *
 * <p>Waits between attempts start at half a second and double up to ten seconds; after the first
 * quarter hour (the runbook's SLO is blown by then) they stretch to a minute, which keeps the
 * history of a provider that stays down for hours within bounds.
 */
public final class KeyDisabler {
  /** Failures after which the security channel hears that the key is still enabled. */
  public static final int ALERT_AFTER_FAILURES = 3;

  static final Duration FIRST_WAIT = Duration.ofMillis(500);
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  static final Duration PATIENT_WAIT = Duration.ofMinutes(1);
  static final Duration PATIENT_AFTER = Duration.ofMinutes(15);

  /** Hears about failed attempts and the alert threshold. */
  public interface Progress {
    void attemptFailed(int attempt, String why);

    /** Called once, when {@value #ALERT_AFTER_FAILURES} attempts have failed. */
    void stillEnabledAfter(int failures, String why);
  }

  /** The confirmed versions and the attempts it took; {@code versions} is null when impossible. */
  public record Result(List<KeyVersionInfo> versions, int attempts, String impossibleBecause) {
    public boolean disabled() {
      return versions != null;
    }
  }

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(
          KeyProviderActivities.class, IncidentActivityOptions.DISABLE_ATTEMPT);

  public Result disable(KeyRef key, Progress progress) {
    long started = Workflow.currentTimeMillis();
    Duration wait = FIRST_WAIT;
    for (int attempt = 1; ; attempt++) {
      String why;
      try {
        List<KeyVersionInfo> versions = keys.disableAllVersions(key);
        List<String> stillEnabled =
            versions.stream().filter(KeyVersionInfo::enabled).map(KeyVersionInfo::version).toList();
        if (stillEnabled.isEmpty()) {
          return new Result(versions, attempt, null);
        }
        why = "the provider still reports " + stillEnabled + " enabled";
      } catch (ActivityFailure failure) {
        why = ActivityFailures.describe(failure);
        if (ActivityFailures.isOfType(failure, "KeyNotFound", "KeyDeleted")) {
          return new Result(null, attempt, why);
        }
      }
      progress.attemptFailed(attempt, why);
      if (attempt == ALERT_AFTER_FAILURES) {
        progress.stillEnabledAfter(attempt, why);
      }
      boolean patient = Workflow.currentTimeMillis() - started >= PATIENT_AFTER.toMillis();
      Workflow.sleep(patient ? PATIENT_WAIT : wait);
      wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
    }
  }
}
