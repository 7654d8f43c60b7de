package io.keyward.api.access;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.BREAK_GLASS_ADMIN;
import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_AUDITOR;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.util.Set;

/**
 * The roles that read whole kinds of ceremony (runbook 4.2: auditors read everything; incidents and
 * break-glass belong to security and the executives who authorise them). Every surface (the API,
 * the web pages, their navigation) reads them from here.
 */
public final class AccessRoles {
  /** Who reads every break-glass session, and opens the break-glass console. */
  public static final Set<Role> BREAK_GLASS_CONSOLE =
      Set.of(
          BREAK_GLASS_ADMIN,
          SECURITY_TEAM_LEAD,
          SECURITY_ENGINEER,
          SECURITY_OPERATIONS,
          APPLICATION_OWNER,
          CISO,
          CTO,
          CEO,
          SECURITY_AUDITOR);

  /** Who reads every compromise response, and opens the incidents section. */
  public static final Set<Role> INCIDENT_RESPONDERS =
      Set.of(
          SECURITY_TEAM_LEAD,
          SECURITY_ENGINEER,
          SECURITY_OPERATIONS,
          CRYPTO_OFFICER,
          KEY_CUSTODIAN,
          CISO,
          CTO,
          CEO,
          SECURITY_AUDITOR);

  /**
   * Who may decode payloads through the codec endpoint (Temporal Web): a decoded history shows the
   * justifications and reasons of every ceremony, and the endpoint cannot tell which workflow a
   * payload belongs to, so only the role that reads every ceremony.
   */
  public static final Set<Role> PAYLOAD_READERS = Set.of(SECURITY_AUDITOR);

  private AccessRoles() {}
}
