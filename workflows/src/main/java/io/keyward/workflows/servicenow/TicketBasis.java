package io.keyward.workflows.servicenow;

/** Why Keyward may write to a ticket: how the ticket was given to it. */
public enum TicketBasis {
  /** ServiceNow sent the record through the signed webhook, and it started this ceremony. */
  WEBHOOK,
  /**
   * The requester named the ticket, and the Table API showed that the same person requested it
   * ({@code requested_by}) or opened it ({@code opened_by}), mapped through {@code
   * servicenow.users}.
   */
  SAME_REQUESTER
}
