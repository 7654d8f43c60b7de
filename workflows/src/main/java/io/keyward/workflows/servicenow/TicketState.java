package io.keyward.workflows.servicenow;

/**
 * Where a ceremony stands as the ticket shows it. The ServiceNow side maps each to a state value of
 * the ticket's table (configuration); work notes carry the detail.
 */
public enum TicketState {
  /** The ceremony runs or waits on people. */
  IN_PROGRESS,
  /** The ceremony reached its goal (e.g. the key is registered). */
  DONE,
  /** The ceremony ended without reaching it: denied, rejected, expired or failed. */
  STOPPED
}
