package io.keyward.workflows.compromise;

import io.keyward.workflows.servicenow.TicketState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The work note a compromise response writes to its incident's ticket when it enters a phase or
 * ends: what was done last and what happens now. Empty for {@link CompromisePhase#DISABLING}, which
 * is noted once the key is disabled. Identifiers and public facts only; never the reporter's
 * summary or key material.
 */
public final class CompromiseTicketNotes {
  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CompromiseTicketNotes() {}

  /** A note and the ticket state it goes with. */
  public record Note(TicketState state, String text) {}

  public static Optional<Note> forState(CompromiseState state) {
    String key = state.report().key().toString();
    return switch (state.phase()) {
      case DISABLING -> Optional.empty();
      case ASSESSING_IMPACT -> progress(disabled(state) + " Assessing which applications use it.");
      case ROTATING ->
          progress("Impact assessed: " + state.impactNote() + ". Rotating " + key + ".");
      case VALIDATING_RESTORATION ->
          progress(
              "Emergency rotation of "
                  + key
                  + ": new version "
                  + state.emergencyVersion().version()
                  + " enabled. Checking a round trip with it.");
      case CAPTURING_EVIDENCE ->
          progress((restoration(state) + " Sealing the forensic evidence of " + key + ".").strip());
      case FOLLOWING_UP ->
          progress(
              (state.evidence() == null
                      ? "Forensic evidence capture failed; preserve the logs by hand."
                      : "Forensic evidence sealed, SHA-256 " + state.evidence().sha256() + ".")
                  + " Long-term tasks open: "
                  + state.followUps().stream()
                      .map(t -> t.title() + " due " + DUE.format(t.dueAt()))
                      .collect(Collectors.joining("; "))
                  + ".");
      case CLOSED ->
          Optional.of(
              new Note(
                  TicketState.DONE,
                  "Compromise response for " + key + " closed: " + state.outcomeReason() + "."));
      case FAILED ->
          Optional.of(
              new Note(
                  TicketState.STOPPED,
                  "Compromise response for " + key + " FAILED: " + state.outcomeReason() + "."));
    };
  }

  private static Optional<Note> progress(String text) {
    return Optional.of(new Note(TicketState.IN_PROGRESS, text));
  }

  private static String disabled(CompromiseState state) {
    Disablement d = state.disablement();
    return "Every version of "
        + state.report().key()
        + " ("
        + String.join(", ", d.versionsDisabled())
        + ") disabled "
        + d.timeToDisable()
        + " after the report was accepted, in "
        + d.attempts()
        + (d.attempts() == 1 ? " attempt" : " attempts")
        + (d.withinSlo() ? "." : ", beyond the 15-minute target.");
  }

  private static String restoration(CompromiseState state) {
    if (state.emergencyVersion() == null) {
      return "Emergency rotation failed; rotate the key by hand.";
    }
    if (state.restoration() == null) {
      return "";
    }
    return "Round trip with "
        + state.restoration().version()
        + (state.restoration().passed()
            ? " passed."
            : " FAILED: " + state.restoration().detail() + ".");
  }
}
