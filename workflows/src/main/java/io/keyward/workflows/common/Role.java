package io.keyward.workflows.common;

/**
 * The roles a person can hold (runbook 4.2 segregation of duties, plus the approver roles that the
 * classification matrix, the rotation matrix and the break-glass levels name).
 */
public enum Role {
  CRYPTO_OFFICER,
  KEY_CUSTODIAN,
  APPLICATION_OWNER,
  SECURITY_AUDITOR,
  BREAK_GLASS_ADMIN,
  SECURITY_ENGINEER,
  SECURITY_TEAM_LEAD,
  SECURITY_OPERATIONS,
  TEAM_LEAD,
  CISO,
  CTO,
  CEO,
  BOARD_MEMBER
}
