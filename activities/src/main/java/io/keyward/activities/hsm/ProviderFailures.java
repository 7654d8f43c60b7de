package io.keyward.activities.hsm;

import io.temporal.failure.ApplicationFailure;

/**
 * Turns provider exceptions into Temporal failures with stable types, so workflows can branch on
 * the type and retry policies treat each kind correctly: throttling is retried after the provider's
 * Retry-After; everything that retrying cannot fix is non-retryable. Exceptions not listed pass
 * through and are retried under the activity's retry policy (I/O errors, for one).
 */
public final class ProviderFailures {
  public static final String KEY_NOT_FOUND = "KeyNotFound";
  public static final String KEY_DELETED = "KeyDeleted";
  public static final String UNSUPPORTED_KEY_SPEC = "UnsupportedKeySpec";
  public static final String PROVIDER_THROTTLED = "ProviderThrottled";
  public static final String PROTECTION_UNAVAILABLE = "ProtectionUnavailable";
  public static final String KEY_OPERATION_REFUSED = "KeyOperationRefused";
  public static final String KEY_ALREADY_EXISTS = "KeyAlreadyExists";
  public static final String KEY_STORE_INTEGRITY = "KeyStoreIntegrity";
  public static final String INVALID_REQUEST = "InvalidRequest";

  private ProviderFailures() {}

  /** The failure to throw from an activity for {@code e}, or {@code e} itself when unlisted. */
  public static RuntimeException toFailure(RuntimeException e) {
    if (e instanceof ApplicationFailure) {
      return e;
    }
    if (e instanceof ProviderThrottledException throttled) {
      return ApplicationFailure.newBuilder()
          .setType(PROVIDER_THROTTLED)
          .setMessage(e.getMessage())
          .setCause(e)
          .setNonRetryable(false)
          .setNextRetryDelay(throttled.retryAfter())
          .build();
    }
    String type = nonRetryableType(e);
    if (type == null) {
      return e;
    }
    return ApplicationFailure.newBuilder()
        .setType(type)
        .setMessage(e.getMessage())
        .setCause(e)
        .setNonRetryable(true)
        .build();
  }

  private static String nonRetryableType(RuntimeException e) {
    if (e instanceof KeyNotFoundException) {
      return KEY_NOT_FOUND;
    }
    if (e instanceof KeyDeletedException) {
      return KEY_DELETED;
    }
    if (e instanceof UnsupportedKeySpecException) {
      return UNSUPPORTED_KEY_SPEC;
    }
    if (e instanceof ProtectionUnavailableException) {
      return PROTECTION_UNAVAILABLE;
    }
    if (e instanceof KeyOperationRefusedException) {
      return KEY_OPERATION_REFUSED;
    }
    if (e instanceof KeyAlreadyExistsException) {
      return KEY_ALREADY_EXISTS;
    }
    if (e instanceof MasterSecretMismatchException || e instanceof TamperedKeyFileException) {
      return KEY_STORE_INTEGRITY;
    }
    if (e instanceof IllegalArgumentException) {
      return INVALID_REQUEST;
    }
    return null;
  }
}
