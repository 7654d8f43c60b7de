package io.keyward.workflows.codec;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 data keys of one process. Encoding uses one data key for {@link #LIFETIME} or {@link
 * #MAX_USES} payloads, whichever comes first, so the key-encryption key (often in an HSM) is asked
 * once per data key rather than once per payload. Decoding remembers the last {@link #CACHED}
 * unwrapped keys. Thread-safe.
 */
final class DataKeys {
  static final Duration LIFETIME = Duration.ofHours(1);

  /** Far below the 2^32 random 96-bit nonces NIST SP 800-38D allows one GCM key. */
  static final long MAX_USES = 1L << 24;

  static final int CACHED = 256;

  /** A data key with the key-encryption key that wrapped it and its wrapped form. */
  record DataKey(SecretKey key, String kekId, byte[] wrapped) {}

  private final KeyEncryptionKeys keks;
  private final Clock clock;
  private final Map<String, SecretKey> unwrapped =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
          return size() > CACHED;
        }
      };
  private DataKey current;
  private Instant currentSince;
  private long uses;

  DataKeys(KeyEncryptionKeys keks, Clock clock) {
    this.keks = keks;
    this.clock = clock;
  }

  /** The data key to encrypt the next payload with. */
  synchronized DataKey forEncoding() {
    Instant now = clock.instant();
    if (current == null
        || uses >= MAX_USES
        || !now.isBefore(currentSince.plus(LIFETIME))
        || !current.kekId().equals(keks.current().id())) {
      current = fresh(keks.current());
      currentSince = now;
      uses = 0;
    }
    uses++;
    return current;
  }

  /** The data key {@code wrapped} under the key named {@code kekId}. */
  SecretKey forDecoding(String kekId, byte[] wrapped) {
    String cacheKey = kekId + "\n" + Base64.getEncoder().encodeToString(wrapped);
    synchronized (this) {
      SecretKey known = unwrapped.get(cacheKey);
      if (known != null) {
        return known;
      }
    }
    byte[] raw = keks.forId(kekId).unwrap(wrapped);
    try {
      if (raw.length != 32) {
        throw new IllegalStateException("the unwrapped data key is not an AES-256 key");
      }
      SecretKey key = new SecretKeySpec(raw, "AES");
      synchronized (this) {
        unwrapped.put(cacheKey, key);
      }
      return key;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static DataKey fresh(KeyEncryptionKey kek) {
    SecretKey key;
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      key = generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make AES-256 keys", e);
    }
    byte[] raw = key.getEncoded();
    try {
      return new DataKey(key, kek.id(), kek.wrap(raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
