package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The content of one key's file: which master secret sealed it (as a one-way identifier), the key's
 * HKDF salt (base64) and its versions, oldest first.
 */
record KeyFile(
    String format,
    String vault,
    String name,
    String masterSecretId,
    String salt,
    List<StoredVersion> versions) {
  static final String FORMAT = "keyward-software-key/1";

  KeyFile {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  KeyRef key() {
    return new KeyRef(vault, name);
  }

  /** {@code version == null} is the newest. */
  Optional<StoredVersion> version(String version) {
    if (version == null) {
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  Optional<StoredVersion> byIdempotencyKey(String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return versions.stream().filter(v -> idempotencyKey.equals(v.idempotencyKey())).findFirst();
  }

  KeyFile withVersion(StoredVersion added) {
    List<StoredVersion> all = new ArrayList<>(versions);
    all.add(added);
    return new KeyFile(format, vault, name, masterSecretId, salt, all);
  }

  KeyFile replacing(StoredVersion changed) {
    List<StoredVersion> all = new ArrayList<>(versions);
    all.replaceAll(v -> v.version().equals(changed.version()) ? changed : v);
    return new KeyFile(format, vault, name, masterSecretId, salt, all);
  }
}
