package io.keyward.workflows.attestation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The keys a worker accepts attestations from, by key id. */
public final class TrustedKeys {
  private final Map<String, TrustedKey> byId;

  public TrustedKeys(Collection<TrustedKey> keys) {
    Map<String, TrustedKey> map = new LinkedHashMap<>();
    for (TrustedKey key : keys) {
      if (map.put(key.keyId(), key) != null) {
        throw new IllegalArgumentException("key id " + key.keyId() + " is trusted twice");
      }
    }
    if (map.isEmpty()) {
      throw new IllegalArgumentException(
          "no trusted signing key: a worker would refuse every decision");
    }
    this.byId = Map.copyOf(map);
  }

  public Optional<TrustedKey> forId(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  public Set<String> ids() {
    return byId.keySet();
  }
}
