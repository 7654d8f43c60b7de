package io.keyward.workflows.testing;

import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketState;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket system in memory; while {@link #goDown} is in force every call fails as if unreachable.
 * Given a {@link CallLog}, it logs each call as {@code tickets:writeBack} among the other calls.
 */
public final class RecordingTickets implements TicketActivities {
  private final List<TicketUpdate> delivered = new ArrayList<>();
  private final CallLog log;
  private int calls;
  private boolean down;

  public RecordingTickets() {
    this(null);
  }

  public RecordingTickets(CallLog log) {
    this.log = log;
  }

  public synchronized void goDown() {
    down = true;
  }

  @Override
  public synchronized String writeBack(TicketUpdate update) {
    calls++;
    if (log != null) {
      log.add("tickets:writeBack");
    }
    if (down) {
      throw ApplicationFailure.newFailure("ticket system unreachable", "TicketSystemUnavailable");
    }
    delivered.add(update);
    return "memory:" + update.ticket();
  }

  public synchronized List<TicketUpdate> delivered() {
    return List.copyOf(delivered);
  }

  public synchronized int calls() {
    return calls;
  }

  public synchronized List<TicketState> states() {
    return delivered.stream().map(TicketUpdate::state).toList();
  }
}
