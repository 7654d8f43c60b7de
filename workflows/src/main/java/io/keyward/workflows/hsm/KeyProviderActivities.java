package io.keyward.workflows.hsm;

import io.keyward.workflows.common.KeyRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Key operations at whichever provider the key's protection level maps to. Implementations are
 * idempotent: a retried call has the same effect as one call.
 */
@ActivityInterface(namePrefix = "Key")
public interface KeyProviderActivities {
  /**
   * Creates a version (disabled unless the attributes say otherwise); idempotent by command key.
   */
  KeyVersionInfo create(CreateKeyCommand command);

  /** One version's public attributes; fails with type {@code KeyNotFound} when absent. */
  KeyVersionInfo describe(KeyRef key, String version);

  List<KeyVersionInfo> listVersions(KeyRef key);

  KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled);

  /** Sign/verify or encrypt/decrypt with a fresh random message, whichever the key permits. */
  RoundTripResult roundTrip(KeyRef key, String version);
}
