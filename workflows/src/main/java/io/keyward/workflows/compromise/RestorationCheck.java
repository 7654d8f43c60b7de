package io.keyward.workflows.compromise;

import static io.keyward.workflows.ceremony.IdempotencyKeys.subject;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.temporal.failure.ActivityFailure;

/**
 * Runbook 11 step 4, service restoration: an encrypt/decrypt (or sign/verify) round trip with the
 * replacement. A failure is alerted, not thrown. Workflow code only.
 */
final class RestorationCheck {
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final KeyProviderActivities keys;

  RestorationCheck(
      CompromiseReport report,
      CompromiseResponse response,
      CeremonyRecord record,
      CeremonyNotifier notifier,
      KeyProviderActivities keys) {
    this.report = report;
    this.response = response;
    this.record = record;
    this.notifier = notifier;
    this.keys = keys;
  }

  void run(KeyVersionInfo replacement) {
    RoundTripResult result;
    try {
      result = keys.roundTrip(report.key(), replacement.version());
    } catch (ActivityFailure failure) {
      result =
          new RoundTripResult(
              replacement.version(),
              "none",
              false,
              "could not run: " + ActivityFailures.describe(failure));
    }
    response.restoration(result);
    String outcome = CompromiseMessages.restorationOutcome(result);
    response.action("Service restoration validated: " + outcome);
    record.step(
        "RESTORATION_VALIDATED",
        outcome,
        "RESTORATION_VALIDATED",
        CompromiseMessages.restorationDetails(result));
    if (!result.passed()) {
      notifier.send(CompromiseMessages.restorationFailed(report, outcome, subject()));
    }
  }
}
