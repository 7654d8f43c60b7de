package io.keyward.workflows.rotation;

import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.DUE_AT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;
import static io.keyward.workflows.common.KeywardSearchAttributes.TICKET;

import io.keyward.workflows.ceremony.CeremonyMetrics;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * How a manual rotation shows where it stands: the phase it enters, published to Temporal Web
 * (search attributes, memo) and, when it changed, noted on the ticket; and the outcome it ends
 * with, written to the timeline, the ticket and the audit trail. Workflow code only.
 */
final class RotationProgress {
  private final ManualRotation rotation;
  private final CeremonyRecord record;
  private final TicketWriteBack ticket;
  private final RotationSignatures signatures;
  private RotationPhase enteredPhase;
  private Instant enteredDeadline;

  RotationProgress(
      ManualRotation rotation,
      CeremonyRecord record,
      TicketWriteBack ticket,
      RotationSignatures signatures) {
    this.rotation = rotation;
    this.record = record;
    this.ticket = ticket;
    this.signatures = signatures;
  }

  /**
   * Moves to {@code next}; its ticket note is written only when phase or deadline changed. A step
   * people decide first loads the enrolled security keys when the rotation's decisions are signed.
   */
  void enter(RotationPhase next, Instant deadline) {
    signatures.opening(next);
    rotation.moveTo(next, deadline);
    publish();
    boolean changed = next != enteredPhase || !Objects.equals(deadline, enteredDeadline);
    enteredPhase = next;
    enteredDeadline = deadline;
    if (changed) {
      noteOnTicket();
    }
  }

  /** Ends the rotation in {@code last}, for {@code reason}. */
  RotationOutcome finish(RotationPhase last, String reason) {
    rotation.finish(last, reason);
    publish();
    record.timeline(null, last.name(), reason);
    noteOnTicket();
    record.audit("ROTATION_" + last.name(), null, Map.of("reason", reason));
    CeremonyMetrics.rotationFinished(CeremonyMetrics.MANUAL, last.name());
    return new RotationOutcome(last, rotation.oldVersion(), rotation.newVersion(), reason);
  }

  /**
   * The search attributes and memo of the rotation as it stands. The ticket is upserted in a
   * command of its own, between the attributes and the memo, as the recorded histories have it.
   */
  void publish() {
    RotationState state = rotation.snapshot();
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, RotationStartOptions.KIND),
        SearchAttributeUpdate.valueSet(PHASE, state.phase().name()),
        SearchAttributeUpdate.valueSet(KEY_NAME, state.request().key().toString()),
        SearchAttributeUpdate.valueSet(CLASSIFICATION, state.classification().name()),
        SearchAttributeUpdate.valueSet(DUE_AT, state.rotationDate().atOffset(ZoneOffset.UTC)),
        CeremonyVisibility.awaiting(state.awaitingRoles()));
    if (state.request().ticket() != null) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributeUpdate.valueSet(TICKET, state.request().ticket()));
    }
    Workflow.upsertMemo(Map.of("summary", RotationMessages.summary(state)));
  }

  /** Queues the phase's note for the ticket, without waiting for the ticket system. */
  private void noteOnTicket() {
    RotationTicketNotes.forState(rotation.snapshot())
        .ifPresent(note -> ticket.post(note.state(), note.text()));
  }
}
