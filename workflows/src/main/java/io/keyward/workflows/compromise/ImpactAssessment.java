package io.keyward.workflows.compromise;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.temporal.failure.ActivityFailure;
import java.util.List;

/**
 * Runbook 11 step 2: which applications use the key, from the dependency map. A map that cannot be
 * read is reported as such (find them by hand), never a reason to stop the response. Workflow code
 * only.
 */
final class ImpactAssessment {
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final CeremonyRecord record;
  private final DependencyActivities dependencies;

  ImpactAssessment(
      CompromiseReport report,
      CompromiseResponse response,
      CeremonyRecord record,
      DependencyActivities dependencies) {
    this.report = report;
    this.response = response;
    this.record = record;
    this.dependencies = dependencies;
  }

  /** The applications affected; empty when none is recorded or the map could not be read. */
  List<KeyDependent> run() {
    List<KeyDependent> affected;
    String note;
    try {
      affected = dependencies.dependentsOf(report.key());
      note = CompromiseMessages.impactNote(report.key(), affected);
    } catch (ActivityFailure failure) {
      affected = List.of();
      note = CompromiseMessages.impactUnknown(ActivityFailures.describe(failure));
    }
    response.impact(affected, note);
    response.action("Impact assessed: " + note);
    record.step(
        "IMPACT_ASSESSED",
        note,
        "IMPACT_ASSESSED",
        CompromiseMessages.impactDetails(note, affected));
    return affected;
  }
}
