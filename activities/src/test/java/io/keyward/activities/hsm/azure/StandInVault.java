package io.keyward.activities.hsm.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state and rules of one vault behind the stand-in: keys with their versions, soft-deleted
 * keys, rotation policies, and which key types the vault's kind accepts (a Managed HSM only HSM
 * keys, a Premium vault RSA and EC keys of both kinds, a Standard vault software keys only).
 * Answers are Key Vault's JSON; refusals are {@link Refusal}s with Key Vault's status and codes.
 */
final class StandInVault {
  /** A refusal with Key Vault's status, error code and inner code. */
  static final class Refusal extends RuntimeException {
    final int status;
    final String code;
    final String innerCode;

    Refusal(int status, String code, String innerCode, String message) {
      super(message);
      this.status = status;
      this.code = code;
      this.innerCode = innerCode;
    }

    ObjectNode body() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ObjectNode error = body.putObject("error");
      error.put("code", code);
      error.put("message", getMessage());
      if (innerCode != null) {
        error.putObject("innererror").put("code", innerCode);
      }
      return body;
    }
  }

  /** Backups every stand-in in the JVM can restore: one "geography". */
  private static final Map<String, StoredKey> BACKUPS = new ConcurrentHashMap<>();

  private static final class StoredKey {
    final String name;
    final List<StandInKeyVersion> versions = new ArrayList<>();
    JsonNode rotationPolicy;
    Instant deletedOn;

    StoredKey(String name) {
      this.name = name;
    }

    StandInKeyVersion current() {
      return versions.get(versions.size() - 1);
    }
  }

  private final StandInVaultKind kind;
  private final Clock clock;
  private final Map<String, StoredKey> keys = new LinkedHashMap<>();
  private String baseUrl;

  StandInVault(StandInVaultKind kind, Clock clock) {
    this.kind = kind;
    this.clock = clock;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  synchronized ObjectNode create(String name, JsonNode body) throws GeneralSecurityException {
    StoredKey key = keys.get(name);
    if (key != null && key.deletedOn != null) {
      throw new Refusal(
          409,
          "Conflict",
          "ObjectIsDeletedButRecoverable",
          "Key " + name + " is currently in a deleted but recoverable state");
    }
    String kty = body.path("kty").asText();
    if (!kind.keyTypes.contains(kty)) {
      throw new Refusal(
          400, "BadParameter", null, "Key type " + kty + " is not supported by this " + kind);
    }
    Integer size = body.hasNonNull("key_size") ? body.get("key_size").asInt() : null;
    if (kty.startsWith("oct") && size != null && size != 128 && size != 192 && size != 256) {
      throw new Refusal(400, "BadParameter", null, "Invalid oct key size " + size);
    }
    String crv = body.hasNonNull("crv") ? body.get("crv").asText() : null;
    StandInKeyVersion version = StandInKeyVersion.generate(kty, size, crv, now());
    version.keyOps = new ArrayList<>();
    body.path("key_ops").forEach(op -> version.keyOps.add(op.asText()));
    JsonNode attributes = body.path("attributes");
    version.enabled = !attributes.has("enabled") || attributes.get("enabled").asBoolean();
    version.nbf = attributes.hasNonNull("nbf") ? attributes.get("nbf").asLong() : null;
    version.exp = attributes.hasNonNull("exp") ? attributes.get("exp").asLong() : null;
    version.tags = tags(body.path("tags"));
    if (key == null) {
      key = new StoredKey(name);
      keys.put(name, key);
    }
    key.versions.add(version);
    return version.bundle(baseUrl, name);
  }

  synchronized ObjectNode get(String name, String version) {
    return version(name, version).bundle(baseUrl, name);
  }

  synchronized ObjectNode update(String name, String version, JsonNode body) {
    StandInKeyVersion found = version(name, version);
    JsonNode attributes = body.path("attributes");
    if (attributes.hasNonNull("enabled")) {
      found.enabled = attributes.get("enabled").asBoolean();
    }
    if (attributes.has("nbf")) {
      found.nbf = attributes.get("nbf").isNull() ? null : attributes.get("nbf").asLong();
    }
    if (attributes.has("exp")) {
      found.exp = attributes.get("exp").isNull() ? null : attributes.get("exp").asLong();
    }
    if (body.hasNonNull("tags")) {
      found.tags = tags(body.get("tags"));
    }
    if (body.hasNonNull("key_ops")) {
      found.keyOps = new ArrayList<>();
      body.get("key_ops").forEach(op -> found.keyOps.add(op.asText()));
    }
    found.updated = now();
    return found.bundle(baseUrl, name);
  }

  synchronized ObjectNode versions(String name) {
    StoredKey key = active(name);
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    ArrayNode value = list.putArray("value");
    for (StandInKeyVersion version : key.versions) {
      value.add(version.item(baseUrl + "/keys/" + name + "/" + version.version));
    }
    list.putNull("nextLink");
    return list;
  }

  synchronized ObjectNode list() {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    ArrayNode value = list.putArray("value");
    for (StoredKey key : keys.values()) {
      if (key.deletedOn == null) {
        value.add(key.current().item(baseUrl + "/keys/" + key.name));
      }
    }
    list.putNull("nextLink");
    return list;
  }

  synchronized ObjectNode delete(String name) {
    StoredKey key = active(name);
    key.deletedOn = Instant.ofEpochSecond(now());
    return deletedBundle(key);
  }

  synchronized ObjectNode deleted(String name) {
    StoredKey key = keys.get(name);
    if (key == null || key.deletedOn == null) {
      throw new Refusal(404, "KeyNotFound", null, "Deleted Key not found: " + name);
    }
    return deletedBundle(key);
  }

  synchronized void purge(String name) {
    StoredKey key = keys.get(name);
    if (key == null || key.deletedOn == null) {
      throw new Refusal(404, "KeyNotFound", null, "Deleted Key not found: " + name);
    }
    keys.remove(name);
  }

  synchronized ObjectNode setRotationPolicy(String name, JsonNode body) {
    StoredKey key = active(name);
    ObjectNode policy = JsonNodeFactory.instance.objectNode();
    policy.put("id", baseUrl + "/keys/" + name + "/rotationpolicy");
    policy.set("lifetimeActions", body.path("lifetimeActions").deepCopy());
    ObjectNode attributes = policy.putObject("attributes");
    attributes.put("expiryTime", body.path("attributes").path("expiryTime").asText(null));
    attributes.put("created", now());
    attributes.put("updated", now());
    key.rotationPolicy = policy;
    return policy;
  }

  synchronized ObjectNode rotationPolicy(String name) {
    StoredKey key = active(name);
    if (key.rotationPolicy == null) {
      throw new Refusal(404, "KeyNotFound", null, "No rotation policy for key " + name);
    }
    return key.rotationPolicy.deepCopy();
  }

  synchronized ObjectNode backup(String name) {
    StoredKey key = active(name);
    String id = "stand-in-backup:" + UUID.randomUUID();
    StoredKey copy = new StoredKey(key.name);
    copy.versions.addAll(key.versions);
    BACKUPS.put(id, copy);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put(
        "value",
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(id.getBytes(StandardCharsets.UTF_8)));
    return result;
  }

  synchronized ObjectNode restore(JsonNode body) {
    String id =
        new String(
            Base64.getUrlDecoder().decode(body.path("value").asText("")), StandardCharsets.UTF_8);
    StoredKey backup = BACKUPS.get(id);
    if (backup == null) {
      throw new Refusal(400, "BadParameter", null, "Backup blob could not be decrypted");
    }
    if (keys.containsKey(backup.name)) {
      throw new Refusal(409, "Conflict", null, "Key " + backup.name + " already exists");
    }
    StoredKey restored = new StoredKey(backup.name);
    restored.versions.addAll(backup.versions);
    keys.put(backup.name, restored);
    return restored.current().bundle(baseUrl, backup.name);
  }

  /** A version that may perform {@code operation} now, as Key Vault checks it. */
  synchronized StandInKeyVersion usable(String name, String version, String operation) {
    StandInKeyVersion found = version(name, version);
    if (!found.enabled) {
      throw new Refusal(
          403, "Forbidden", null, "Operation " + operation + " is not allowed on a disabled key");
    }
    if (!found.keyOps.contains(operation)) {
      throw new Refusal(
          403, "Forbidden", null, "Operation " + operation + " is not permitted on this key");
    }
    return found;
  }

  /** The names and versions of active keys, for assertions. */
  synchronized Map<String, List<StandInKeyVersion>> snapshot() {
    Map<String, List<StandInKeyVersion>> snapshot = new TreeMap<>();
    keys.values().stream()
        .filter(k -> k.deletedOn == null)
        .forEach(k -> snapshot.put(k.name, List.copyOf(k.versions)));
    return snapshot;
  }

  synchronized JsonNode storedRotationPolicy(String name) {
    StoredKey key = keys.get(name);
    return key == null ? null : key.rotationPolicy;
  }

  private StandInKeyVersion version(String name, String version) {
    StoredKey key = active(name);
    if (version == null || version.isEmpty()) {
      return key.current();
    }
    return key.versions.stream()
        .filter(v -> v.version.equals(version))
        .findFirst()
        .orElseThrow(
            () ->
                new Refusal(
                    404,
                    "KeyNotFound",
                    null,
                    "A key with (name/id) " + name + "/" + version + " was not found"));
  }

  private StoredKey active(String name) {
    StoredKey key = keys.get(name);
    if (key == null || key.deletedOn != null) {
      throw new Refusal(
          404,
          "KeyNotFound",
          null,
          "A key with (name/id) " + name + " was not found in this vault");
    }
    return key;
  }

  private ObjectNode deletedBundle(StoredKey key) {
    ObjectNode bundle = key.current().bundle(baseUrl, key.name);
    bundle.put("recoveryId", baseUrl + "/deletedkeys/" + key.name);
    bundle.put("deletedDate", key.deletedOn.getEpochSecond());
    bundle.put("scheduledPurgeDate", key.deletedOn.plusSeconds(90L * 24 * 3600).getEpochSecond());
    return bundle;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new TreeMap<>();
    node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return tags;
  }
}
