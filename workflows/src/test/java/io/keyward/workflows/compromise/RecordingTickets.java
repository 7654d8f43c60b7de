package io.keyward.workflows.compromise;

import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketState;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket system in memory that logs each call; while {@link #goDown} is in force every call fails
 * as if unreachable.
 */
final class RecordingTickets implements TicketActivities {
  private final CallLog log;
  private final List<TicketUpdate> delivered = new ArrayList<>();
  private int calls;
  private boolean down;

  RecordingTickets(CallLog log) {
    this.log = log;
  }

  synchronized void goDown() {
    down = true;
  }

  @Override
  public synchronized String writeBack(TicketUpdate update) {
    calls++;
    log.add("tickets:writeBack");
    if (down) {
      throw ApplicationFailure.newFailure("ticket system unreachable", "TicketSystemUnavailable");
    }
    delivered.add(update);
    return "memory:" + update.ticket();
  }

  synchronized List<TicketUpdate> delivered() {
    return List.copyOf(delivered);
  }

  synchronized int calls() {
    return calls;
  }

  synchronized List<TicketState> states() {
    return delivered.stream().map(TicketUpdate::state).toList();
  }
}
