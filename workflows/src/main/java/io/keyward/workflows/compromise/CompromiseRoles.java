package io.keyward.workflows.compromise;

import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.util.Set;

/** Who may report a compromise: a report disables a production key at once, so not everyone. */
public final class CompromiseRoles {
  /** Security responders, the key custodians and crypto officers, CISO and CTO. */
  public static final Set<Role> REPORTERS =
      Set.of(
          SECURITY_OPERATIONS,
          SECURITY_ENGINEER,
          SECURITY_TEAM_LEAD,
          CISO,
          CTO,
          CRYPTO_OFFICER,
          KEY_CUSTODIAN);

  private CompromiseRoles() {}
}
