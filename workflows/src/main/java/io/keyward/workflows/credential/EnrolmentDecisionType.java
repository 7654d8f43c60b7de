package io.keyward.workflows.credential;

/** What a security team lead does with a credential waiting for enrolment. */
public enum EnrolmentDecisionType {
  /** The credential becomes ACTIVE: it may sign its person's ULTRA decisions. */
  APPROVE,
  /** The credential is revoked before it was ever used; needs a reason. */
  REFUSE
}
