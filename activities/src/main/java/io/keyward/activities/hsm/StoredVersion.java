package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One key version as kept in a key file: public attributes in the clear, key material in {@code
 * sealed} (base64 of IV, ciphertext and tag). {@code idempotencyKey} is internal: it makes a
 * retried create find this version and is never shown as a tag.
 */
record StoredVersion(
    String version,
    KeyType type,
    Integer size,
    EcCurve curve,
    List<KeyOperation> operations,
    boolean enabled,
    Instant created,
    Instant notBefore,
    Instant expires,
    SortedMap<String, String> tags,
    String publicKeyFingerprint,
    String idempotencyKey,
    String sealed) {

  private static final String BINDING = "keyward-software-key/v1";

  StoredVersion {
    operations =
        operations == null || operations.isEmpty()
            ? List.of()
            : List.copyOf(EnumSet.copyOf(operations));
    tags = Collections.unmodifiableSortedMap(tags == null ? new TreeMap<>() : new TreeMap<>(tags));
  }

  StoredVersion withEnabled(boolean value) {
    return new StoredVersion(
        version,
        type,
        size,
        curve,
        operations,
        value,
        created,
        notBefore,
        expires,
        tags,
        publicKeyFingerprint,
        idempotencyKey,
        sealed);
  }

  StoredVersion withSealed(String value) {
    return new StoredVersion(
        version,
        type,
        size,
        curve,
        operations,
        enabled,
        created,
        notBefore,
        expires,
        tags,
        publicKeyFingerprint,
        idempotencyKey,
        value);
  }

  KeyVersionInfo toInfo(KeyRef key, String provider, ProtectionLevel protection) {
    return new KeyVersionInfo(
        key,
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

  /**
   * The associated data that binds sealed material to this key, version and every attribute: an
   * unambiguous, length-prefixed encoding, so no field can be edited or moved without the seal
   * failing.
   */
  byte[] binding(KeyRef key) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      text(out, BINDING);
      text(out, key.vault());
      text(out, key.name());
      text(out, version);
      text(out, type == null ? null : type.name());
      out.writeInt(size == null ? -1 : size);
      text(out, curve == null ? null : curve.name());
      out.writeInt(operations.size());
      for (KeyOperation op : operations) {
        text(out, op.name());
      }
      out.writeBoolean(enabled);
      text(out, created == null ? null : created.toString());
      text(out, notBefore == null ? null : notBefore.toString());
      text(out, expires == null ? null : expires.toString());
      out.writeInt(tags.size());
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        text(out, tag.getKey());
        text(out, tag.getValue());
      }
      text(out, publicKeyFingerprint);
      text(out, idempotencyKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
