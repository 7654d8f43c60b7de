package io.keyward.workflows.servicenow;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A ceremony's queue of ticket updates, for workflow code only. {@link #post} returns at once: the
 * updates are delivered one after the other in the background, each retried with backoff, so the
 * ticket shows them in order and a slow or absent ticket system never holds up a step. A ceremony
 * calls {@link #awaitDelivered} just before it completes, so its last update is not abandoned.
 * Without a ticket every call does nothing.
 *
 * <p>Each update carries the ceremony's {@link TicketBinding}: the record checked when the ceremony
 * was requested (received by the webhook, or requested by the same person). The activity writes to
 * that record only; an update of a ticket without a binding (a label, or a ceremony started past
 * the API's check) is refused by the activity and recorded in the audit trail instead.
 */
public final class TicketWriteBack {
  /** Attempts per update: with the backoff below, about 80 minutes of an unreachable system. */
  public static final int MAX_ATTEMPTS = 12;

  /**
   * Options of {@link TicketActivities#writeBack}; the implementation gives up on the last try. An
   * update no worker can take (an IllegalArgumentException: malformed, or no implementation
   * registered) is not retried, so it cannot hold the ceremony's completion.
   */
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(15))
                  .setMaximumAttempts(MAX_ATTEMPTS)
                  .setDoNotRetry(IllegalArgumentException.class.getName())
                  .build())
          .build();

  private static final Logger LOG = Workflow.getLogger(TicketWriteBack.class);

  private final TicketActivities tickets =
      Workflow.newActivityStub(TicketActivities.class, OPTIONS);
  private final String ticket;
  private final TicketBinding binding;
  private Promise<Void> last;
  private int sequence;

  /**
   * @param ticket the ticket the ceremony was requested under; null or blank for none
   * @param binding the record Keyward may write to for this ticket; null when the ticket is a label
   *     only
   */
  public TicketWriteBack(String ticket, TicketBinding binding) {
    this.ticket = ticket == null || ticket.isBlank() ? null : ticket;
    this.binding = binding;
  }

  /** Queues an update after the ones already posted; returns without waiting for delivery. */
  public void post(TicketState state, String note) {
    if (ticket == null) {
      return;
    }
    TicketUpdate update =
        new TicketUpdate(
            ticket, Workflow.getInfo().getWorkflowId(), ++sequence, state, note, binding);
    Promise<Void> before = last;
    last =
        Async.procedure(
            () -> {
              if (before != null) {
                before.get();
              }
              deliver(update);
            });
  }

  /** Waits until every posted update was delivered or given up; returns at once when none was. */
  public void awaitDelivered() {
    if (last != null) {
      last.get();
    }
  }

  private void deliver(TicketUpdate update) {
    try {
      tickets.writeBack(update);
    } catch (ActivityFailure failure) {
      LOG.warn(
          "update {} of ticket {} for {} was not delivered: {}",
          update.sequence(),
          update.ticket(),
          update.subject(),
          failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
    }
  }
}
