package io.keyward.ui.breakglass;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.breakglass.BreakGlassPhase;
import io.keyward.workflows.breakglass.BreakGlassState;
import java.time.Instant;
import java.util.List;

/** The break-glass console: every session in progress, the active ones counting down. */
public record BreakGlassConsole(
    Layout layout, String revision, List<Row> sessions, String note, int unreadable) {

  /** A session in progress. */
  public record Row(
      String incident,
      String href,
      String phase,
      boolean active,
      String admin,
      String scope,
      String level,
      String expiresAt,
      long expiresAtMillis,
      int actions,
      String deadline) {}

  static Row row(BreakGlassState state, Instant now) {
    boolean active =
        state.phase() == BreakGlassPhase.ACTIVE
            && state.grant() != null
            && state.grant().liveAt(now);
    return new Row(
        state.declaration().incident().value(),
        BreakGlassPages.pathOf(state.declaration().incident()),
        BreakGlassView.describe(state.phase()),
        active,
        state.declaration().admin().id(),
        state.declaration().scope().describe(),
        BreakGlassView.level(state),
        active ? Times.format(state.grant().expiresAt()) : "",
        active ? state.grant().expiresAt().toEpochMilli() : 0,
        state.actions().size(),
        Times.format(state.deadline()));
  }

  public boolean empty() {
    return sessions.isEmpty();
  }

  public boolean someUnreadable() {
    return unreadable > 0;
  }
}
