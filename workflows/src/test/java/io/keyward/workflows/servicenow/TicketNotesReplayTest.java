package io.keyward.workflows.servicenow;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays a ceremony recorded with ticket notes and approval announcements, so a later change to
 * them must go behind a new version too. The histories recorded before them replay in {@code
 * KeyGenerationReplayTest}.
 */
class TicketNotesReplayTest {
  @Test
  void aCeremonyWithTicketNotesReplaysWithoutNondeterminism() {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    "histories/keygen-secret-registered-ticket-notes.json",
                    KeyGenerationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
