package io.keyward.workflows.policy;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.util.Set;

/**
 * Who may take which part in a rotation (runbook 6.3 with the segregation of duties of 4.2: crypto
 * officers and key custodians rotate keys, application owners may only request).
 */
public final class RotationRoles {
  /** Runbook 4.2 "Rotate Keys": crypto officer, key custodian; application owner "request only". */
  public static final Set<Role> REQUESTERS =
      Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN, APPLICATION_OWNER);

  /**
   * People who rotate keys: they execute a rotation, enrol keys in automatic rotation, and
   * reschedule or cancel a rotation someone else requested.
   */
  public static final Set<Role> ROTATORS = Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN);

  /** Runbook 6.3 pre-rotation: the security team reviews the rotation requirements. */
  /** Runbook 4.2 "Backup Keys": who confirms a backup Keyward cannot restore itself. */
  public static final Set<Role> BACKUP_CONFIRMERS = Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN);

  public static final Set<Role> SECURITY_REVIEWERS = Set.of(SECURITY_ENGINEER, SECURITY_TEAM_LEAD);

  /** Runbook 6.3 post-rotation: the security monitoring review. */
  public static final Set<Role> MONITORING_REVIEWERS =
      Set.of(SECURITY_OPERATIONS, SECURITY_ENGINEER, SECURITY_TEAM_LEAD);

  /** Decide what happens after a failed post-rotation validation: retry, roll back or accept. */
  public static final Set<Role> VALIDATION_RESOLVERS =
      Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN, SECURITY_TEAM_LEAD);

  private RotationRoles() {}
}
