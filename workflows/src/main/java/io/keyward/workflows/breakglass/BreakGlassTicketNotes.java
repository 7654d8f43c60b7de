package io.keyward.workflows.breakglass;

import io.keyward.workflows.servicenow.TicketState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The work note a break-glass session writes to its incident's ticket when it enters a phase or
 * ends: who decided, who holds access until when, what is waited for. Empty while the scope is
 * assessed, which lasts seconds. Identifiers and public facts only; never the declared reason, the
 * recorded actions' details or key material.
 */
public final class BreakGlassTicketNotes {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private BreakGlassTicketNotes() {}

  /** A note and the ticket state it goes with. */
  public record Note(TicketState state, String text) {}

  public static Optional<Note> forState(BreakGlassState state) {
    BreakGlassDeclaration declaration = state.declaration();
    String access =
        "emergency access of " + declaration.admin().id() + " to " + declaration.scope().describe();
    return switch (state.phase()) {
      case ASSESSING_SCOPE -> Optional.empty();
      case AWAITING_AUTHORISATION ->
          progress(
              "Break-glass declared by "
                  + declaration.declarer().id()
                  + ": "
                  + access
                  + " waits for "
                  + state.assessment().level()
                  + " authorisation by "
                  + state.assessment().level().runbookText()
                  + due(state.deadline())
                  + ".");
      case GRANTING ->
          progress(
              "Authorised by "
                  + state.approvals().stream()
                      .map(Approval::approver)
                      .collect(Collectors.joining(", "))
                  + ". Granting "
                  + access
                  + ".");
      case ACTIVE ->
          progress(
              "Access granted: "
                  + state.grant().holder()
                  + " holds "
                  + access
                  + " until "
                  + AT.format(state.grant().expiresAt())
                  + ".");
      case REVOKING -> progress("Revoking " + access + ".");
      case AWAITING_REVIEW ->
          progress(
              "Access revoked ("
                  + state.revocationReason()
                  + ") and verified gone; "
                  + state.actions().size()
                  + " actions recorded. The post-incident review is due"
                  + (state.deadline() == null ? "" : " by " + AT.format(state.deadline()))
                  + ".");
      case REVIEW_OVERDUE ->
          progress("The post-incident review is overdue and was escalated; still waiting for it.");
      case CLOSED ->
          Optional.of(
              new Note(
                  TicketState.DONE, "Break-glass session closed: " + state.outcomeReason() + "."));
      case DENIED, EXPIRED, FAILED ->
          Optional.of(
              new Note(
                  TicketState.STOPPED,
                  "Break-glass session ended "
                      + state.phase()
                      + ": "
                      + state.outcomeReason()
                      + "."));
    };
  }

  private static Optional<Note> progress(String text) {
    return Optional.of(new Note(TicketState.IN_PROGRESS, text));
  }

  private static String due(Instant deadline) {
    return deadline == null ? "" : ", due " + AT.format(deadline);
  }
}
