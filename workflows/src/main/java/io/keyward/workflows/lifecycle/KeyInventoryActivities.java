package io.keyward.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** Reads the providers' key inventory for the reconciliation run. */
@ActivityInterface(namePrefix = "Inventory")
public interface KeyInventoryActivities {
  /**
   * Every key whose version in use expires before {@code cutoff} or has no expiry. Keys without an
   * enabled version are left out: there is nothing to rotate.
   */
  KeyInventory expiringBefore(Instant cutoff);
}
