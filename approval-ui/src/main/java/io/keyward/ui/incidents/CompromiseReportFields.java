package io.keyward.ui.incidents;

import io.keyward.api.compromise.CompromiseReportBody;
import io.keyward.ui.pages.FormValues;
import io.keyward.workflows.incident.Severity;

/**
 * The compromise report form as the person filled it in, kept as typed so a refused report shows
 * the form again unchanged; {@link #toBody} builds the very body {@code POST /api/compromises}
 * takes.
 */
record CompromiseReportFields(
    String incident, String vault, String name, String severity, String summary) {

  /** An empty form, P1 chosen, with the key filled in when the person came from that key's page. */
  static CompromiseReportFields forKey(String vault, String name) {
    return new CompromiseReportFields(
        "", vault == null ? "" : vault, name == null ? "" : name, Severity.P1.name(), "");
  }

  static CompromiseReportFields from(FormValues form) {
    return new CompromiseReportFields(
        form.text("incident"),
        form.text("vault"),
        form.text("name"),
        form.text("severity"),
        form.text("summary"));
  }

  /** The API's body; throws {@link IllegalArgumentException} for a severity no choice offers. */
  CompromiseReportBody toBody() {
    return new CompromiseReportBody(
        FormValues.optional(incident),
        FormValues.optional(vault),
        FormValues.optional(name),
        FormValues.choice("severity", Severity.class, severity),
        summary);
  }
}
