package io.keyward.ui.incidents;

import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Choice;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.incident.Severity;
import java.util.List;

/** What the compromise report form shows: the values as typed, the severities, a refusal if any. */
public record CompromiseReportFormView(
    Layout layout,
    String action,
    String problem,
    CompromiseReportFields fields,
    List<Choice> severities,
    int maxSummary) {

  static CompromiseReportFormView of(Layout layout, CompromiseReportFields fields, String problem) {
    return new CompromiseReportFormView(
        layout,
        CeremonyStart.REPORT_COMPROMISE.path(),
        problem,
        fields,
        Choice.of(Severity.class, fields.severity()),
        CompromiseReport.MAX_SUMMARY);
  }
}
