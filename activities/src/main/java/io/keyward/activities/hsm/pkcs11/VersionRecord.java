package io.keyward.activities.hsm.pkcs11;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attributes of one key version that do not change after creation, as kept in the token: JSON
 * in an extension of a certificate labelled for the version (see {@link TokenAliases}). Whether the
 * version is enabled is not here: it changes, so it lives in an object of its own.
 *
 * <p>The idempotency key (workflow id and step) is recorded so a retried create finds the version
 * it made; it is never reported as a tag.
 */
record VersionRecord(
    String format,
    String vault,
    String name,
    String version,
    KeyType type,
    Integer size,
    EcCurve curve,
    List<KeyOperation> operations,
    Instant created,
    Instant notBefore,
    Instant expires,
    SortedMap<String, String> tags,
    String idempotencyKey) {
  static final String FORMAT = "keyward-pkcs11-version/1";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  VersionRecord {
    operations =
        operations == null || operations.isEmpty()
            ? List.of()
            : List.copyOf(EnumSet.copyOf(operations));
    tags = tags == null ? new TreeMap<>() : new TreeMap<>(tags);
  }

  KeyRef key() {
    return new KeyRef(vault, name);
  }

  boolean asymmetric() {
    return type == KeyType.RSA || type == KeyType.EC;
  }

  KeyVersionInfo toInfo(
      boolean enabled, String publicKeyFingerprint, String provider, ProtectionLevel protection) {
    return new KeyVersionInfo(
        key(),
        version,
        type,
        size,
        curve,
        Set.copyOf(operations),
        enabled,
        created,
        notBefore,
        expires,
        Map.copyOf(tags),
        provider,
        protection,
        publicKeyFingerprint);
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the record of " + key() + " " + version, e);
    }
  }

  /**
   * Reads a record written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the bytes are not such a record
   */
  static VersionRecord fromJson(byte[] json, String what) {
    VersionRecord record;
    try {
      record = JSON.readValue(json, VersionRecord.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(what + " holds no readable Keyward version record");
    }
    if (!FORMAT.equals(record.format())
        || record.type() == null
        || record.version() == null
        || record.created() == null) {
      throw new IllegalArgumentException(what + " holds no Keyward version record of " + FORMAT);
    }
    return record;
  }
}
