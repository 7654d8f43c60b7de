package io.keyward.workflows.policy;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.util.Set;

/**
 * Who may take which part in a dual-control generation (runbook 3.3 with the segregation of duties
 * of 4.2): who may request a key, who acts as key custodian, who validates compliance.
 */
public final class CeremonyRoles {
  /** Runbook 4.2: crypto officers and key custodians create keys; application owners request. */
  public static final Set<Role> REQUESTERS =
      Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN, APPLICATION_OWNER);

  /** Runbook 3.3 steps 3 and 4: key custodians generate and verify. */
  public static final Set<Role> CUSTODIANS = Set.of(KEY_CUSTODIAN);

  /** Runbook 3.3 step 5: the security team validates compliance and registers the key. */
  public static final Set<Role> SECURITY_VALIDATORS = Set.of(SECURITY_ENGINEER, SECURITY_TEAM_LEAD);

  private CeremonyRoles() {}
}
