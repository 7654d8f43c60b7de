package io.keyward.workflows.policy;

/** Runbook 2.1 classification levels, most protected first. */
public enum Classification {
  ULTRA,
  SECRET,
  CONFIDENTIAL,
  RESTRICTED,
  PUBLIC
}
