package io.keyward.workflows.ceremony;

import io.keyward.workflows.hsm.KeyVersionInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the details of an audit event: public facts only (identifiers, versions, reasons), never
 * key material. Absent values are left out rather than written as "null".
 */
public final class AuditDetails {
  private final Map<String, String> details = new HashMap<>();

  private AuditDetails() {}

  public static AuditDetails create() {
    return new AuditDetails();
  }

  /** A key version's public facts: key, version, provider, enabled, expiry and fingerprint. */
  public static AuditDetails of(KeyVersionInfo version) {
    return create().version(version);
  }

  /** One detail; nothing when {@code value} is null. */
  public AuditDetails with(String name, Object value) {
    if (value != null) {
      details.put(name, String.valueOf(value));
    }
    return this;
  }

  /** The public facts of {@code version}, as {@link #of(KeyVersionInfo)}. */
  public AuditDetails version(KeyVersionInfo version) {
    return with("key", version.key())
        .with("version", version.version())
        .with("provider", version.provider())
        .with("enabled", version.enabled())
        .with("expires", version.expires())
        .with("publicKeySha256", version.publicKeyFingerprint());
  }

  public Map<String, String> build() {
    return Map.copyOf(details);
  }
}
