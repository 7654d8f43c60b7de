package io.keyward.api.access;

import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_AUDITOR;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.Set;

/**
 * Who sees which keys in the key list: the people who run key management (runbook 4.2 crypto
 * officers, custodians, the security team, auditors, the executives who approve ULTRA keys) see
 * every key; anyone else sees only the keys they requested.
 */
public final class KeyListAccess {
  static final Set<Role> SEE_ALL =
      Set.of(
          CRYPTO_OFFICER,
          KEY_CUSTODIAN,
          SECURITY_ENGINEER,
          SECURITY_TEAM_LEAD,
          SECURITY_OPERATIONS,
          SECURITY_AUDITOR,
          CISO,
          CTO,
          CEO);

  private KeyListAccess() {}

  public static boolean seesAll(Actor who) {
    return who.holdsAny(SEE_ALL);
  }

  /** Whether {@code who} sees a key whose owner (its requester) is {@code owner}. */
  public static boolean maySeeKeyOf(Actor who, String owner) {
    return seesAll(who) || who.id().equals(owner);
  }
}
