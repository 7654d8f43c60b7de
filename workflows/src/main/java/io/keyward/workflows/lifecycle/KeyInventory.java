package io.keyward.workflows.lifecycle;

import java.util.List;

/** What the inventory saw: how many keys the providers hold, and those due for a lifecycle. */
public record KeyInventory(int keysSeen, List<KeyExpiry> expiring) {
  public KeyInventory {
    expiring = expiring == null ? List.of() : List.copyOf(expiring);
  }
}
