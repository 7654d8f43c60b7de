package io.keyward.workflows.policy;

import io.keyward.workflows.common.Role;
import java.util.Objects;
import java.util.Set;

/**
 * One approval a rotation needs: its name as the runbook writes it ("executive", "board") and the
 * roles that may give it. A rotation needing two slots needs two different people.
 */
public record ApprovalSlot(String name, Set<Role> roles) {
  public ApprovalSlot {
    Objects.requireNonNull(name, "name");
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("an approval slot needs at least one eligible role");
    }
    roles = Set.copyOf(roles);
  }
}
