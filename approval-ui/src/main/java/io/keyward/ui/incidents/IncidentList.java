package io.keyward.ui.incidents;

import io.keyward.ui.pages.Layout;
import io.keyward.workflows.compromise.CompromiseState;
import java.util.List;

/** The incidents page: compromise responses in progress, with their time to disable. */
public record IncidentList(
    Layout layout, String revision, List<Row> incidents, String note, int unreadable) {

  /** One response. */
  public record Row(
      String incident,
      String href,
      String key,
      String severity,
      String phase,
      String timeToDisable,
      boolean withinSlo,
      boolean disabled,
      String acknowledgedBy,
      boolean escalated) {}

  static Row row(CompromiseState state) {
    IncidentView.Disable disable = IncidentView.disable(state.disablement());
    return new Row(
        state.report().incident().value(),
        IncidentPages.pathOf(state.report().incident()),
        state.report().key().toString(),
        state.report().severity().name(),
        IncidentView.describe(state.phase()),
        disable == null ? "" : disable.timeToDisable(),
        disable != null && disable.withinSlo(),
        disable != null && disable.disabled(),
        state.escalation() == null ? null : state.escalation().acknowledgedBy(),
        state.escalation() != null && state.escalation().escalatedAt() != null);
  }

  public boolean empty() {
    return incidents.isEmpty();
  }

  public boolean someUnreadable() {
    return unreadable > 0;
  }
}
