package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.register.RegisteredKey;
import java.util.Optional;

/**
 * Who may change a key's entry in the dependency map: those who rotate keys (runbook 4.2: crypto
 * officers, key custodians), and the key's accountable owner in the key register when they hold the
 * application-owner role. A key the register does not hold has no owner to edit it.
 */
public final class DependencyMapAccess {
  private DependencyMapAccess() {}

  public static boolean mayChange(Actor who, Optional<RegisteredKey> entry) {
    if (who.holdsAny(RotationRoles.ROTATORS)) {
      return true;
    }
    return who.roles().contains(Role.APPLICATION_OWNER)
        && entry.map(e -> e.owner().person().equals(who.id())).orElse(false);
  }
}
