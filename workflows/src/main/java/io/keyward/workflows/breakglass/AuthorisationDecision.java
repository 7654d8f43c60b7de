package io.keyward.workflows.breakglass;

/** What an approver decides on a declared break-glass session. */
public enum AuthorisationDecision {
  APPROVE,
  /** Refuses the session; it ends DENIED and no access is granted. */
  DENY
}
