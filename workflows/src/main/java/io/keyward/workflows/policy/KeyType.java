package io.keyward.workflows.policy;

/** Key algorithms of runbook Appendix B. */
public enum KeyType {
  RSA,
  EC,
  AES,
  HMAC
}
