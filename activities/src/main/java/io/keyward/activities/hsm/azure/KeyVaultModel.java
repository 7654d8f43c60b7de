package io.keyward.activities.hsm.azure;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Translation between Keyward's key model and Key Vault's. */
final class KeyVaultModel {
  private static final Map<KeyOperation, com.azure.security.keyvault.keys.models.KeyOperation>
      OPERATIONS =
          Map.of(
              KeyOperation.ENCRYPT, com.azure.security.keyvault.keys.models.KeyOperation.ENCRYPT,
              KeyOperation.DECRYPT, com.azure.security.keyvault.keys.models.KeyOperation.DECRYPT,
              KeyOperation.SIGN, com.azure.security.keyvault.keys.models.KeyOperation.SIGN,
              KeyOperation.VERIFY, com.azure.security.keyvault.keys.models.KeyOperation.VERIFY,
              KeyOperation.WRAP_KEY, com.azure.security.keyvault.keys.models.KeyOperation.WRAP_KEY,
              KeyOperation.UNWRAP_KEY,
                  com.azure.security.keyvault.keys.models.KeyOperation.UNWRAP_KEY);
  private static final Map<EcCurve, KeyCurveName> CURVES =
      Map.of(
          EcCurve.P_256, KeyCurveName.P_256,
          EcCurve.P_384, KeyCurveName.P_384,
          EcCurve.P_521, KeyCurveName.P_521);

  private KeyVaultModel() {}

  /** The create options for a new version of {@code name}; {@code hsm} picks the -HSM key type. */
  static CreateKeyOptions createOptions(
      String name,
      KeySpec spec,
      boolean hsm,
      Set<KeyOperation> operations,
      Instant notBefore,
      Instant expires,
      boolean enabled,
      Map<String, String> tags) {
    CreateKeyOptions options =
        switch (spec.type()) {
          case RSA ->
              new CreateRsaKeyOptions(name).setKeySize(spec.size()).setHardwareProtected(hsm);
          case EC ->
              new CreateEcKeyOptions(name)
                  .setCurveName(CURVES.get(spec.curve()))
                  .setHardwareProtected(hsm);
          case AES ->
              new CreateOctKeyOptions(name).setKeySize(spec.size()).setHardwareProtected(hsm);
          case HMAC -> throw new IllegalArgumentException("Key Vault has no HMAC keys");
        };
    return options
        .setKeyOperations(
            operations.stream()
                .sorted()
                .map(OPERATIONS::get)
                .toArray(com.azure.security.keyvault.keys.models.KeyOperation[]::new))
        .setNotBefore(offset(notBefore))
        .setExpiresOn(offset(expires))
        .setEnabled(enabled)
        .setTags(tags);
  }

  /**
   * Sends the create request through the method of the options' type: the generic {@code createKey}
   * sends only what all key types share, dropping the size and curve.
   */
  static KeyVaultKey create(KeyClient client, CreateKeyOptions options) {
    if (options instanceof CreateRsaKeyOptions rsa) {
      return client.createRsaKey(rsa);
    }
    if (options instanceof CreateEcKeyOptions ec) {
      return client.createEcKey(ec);
    }
    if (options instanceof CreateOctKeyOptions oct) {
      return client.createOctKey(oct);
    }
    return client.createKey(options);
  }

  /** True for RSA-HSM, EC-HSM and oct-HSM keys. */
  static boolean hsmBacked(KeyVaultKey key) {
    com.azure.security.keyvault.keys.models.KeyType type = key.getKeyType();
    return com.azure.security.keyvault.keys.models.KeyType.RSA_HSM.equals(type)
        || com.azure.security.keyvault.keys.models.KeyType.EC_HSM.equals(type)
        || com.azure.security.keyvault.keys.models.KeyType.OCT_HSM.equals(type);
  }

  static KeyType typeOf(KeyVaultKey key) {
    com.azure.security.keyvault.keys.models.KeyType type = key.getKeyType();
    String name = type == null ? "" : type.toString().toUpperCase();
    if (name.startsWith("RSA")) {
      return KeyType.RSA;
    }
    if (name.startsWith("EC")) {
      return KeyType.EC;
    }
    if (name.startsWith("OCT")) {
      return KeyType.AES;
    }
    throw new IllegalStateException("key " + key.getName() + " has an unknown key type " + type);
  }

  /**
   * Everything public about a Key Vault key version.
   *
   * @param hsmProtection what an HSM-backed version is reported as (the provider's level)
   */
  static KeyVersionInfo info(
      KeyRef ref, KeyVaultKey key, String provider, ProtectionLevel hsmProtection) {
    KeyProperties properties = key.getProperties();
    JsonWebKey jwk = key.getKey();
    KeyType type = typeOf(key);
    EcCurve curve = null;
    Integer size;
    String fingerprint = null;
    switch (type) {
      case RSA -> {
        size = new BigInteger(1, jwk.getN()).bitLength();
        fingerprint = fingerprint(jwk.toRsa(false));
      }
      case EC -> {
        curve = curveOf(jwk.getCurveName());
        size = curve.bits();
        fingerprint = fingerprint(jwk.toEc(false));
      }
      default -> size = aesSize(properties.getTags());
    }
    Set<KeyOperation> operations = EnumSet.noneOf(KeyOperation.class);
    List<com.azure.security.keyvault.keys.models.KeyOperation> keyOps = jwk.getKeyOps();
    if (keyOps != null) {
      for (Map.Entry<KeyOperation, com.azure.security.keyvault.keys.models.KeyOperation> op :
          OPERATIONS.entrySet()) {
        if (keyOps.contains(op.getValue())) {
          operations.add(op.getKey());
        }
      }
    }
    return new KeyVersionInfo(
        ref,
        properties.getVersion(),
        type,
        size,
        curve,
        operations,
        Boolean.TRUE.equals(properties.isEnabled()),
        instant(properties.getCreatedOn()),
        instant(properties.getNotBefore()),
        instant(properties.getExpiresOn()),
        KeyVaultTags.reported(properties.getTags()),
        provider,
        hsmBacked(key) ? hsmProtection : ProtectionLevel.STANDARD_KEY_VAULT,
        fingerprint);
  }

  /** The JWS algorithm Keyward signs with: PS256 for RSA, ES256/384/512 matching the curve. */
  static SignatureAlgorithm signatureAlgorithm(KeyVersionInfo version) {
    if (version.type() == KeyType.RSA) {
      return SignatureAlgorithm.PS256;
    }
    return switch (version.curve()) {
      case P_256 -> SignatureAlgorithm.ES256;
      case P_384 -> SignatureAlgorithm.ES384;
      case P_521 -> SignatureAlgorithm.ES512;
    };
  }

  private static EcCurve curveOf(KeyCurveName name) {
    for (Map.Entry<EcCurve, KeyCurveName> curve : CURVES.entrySet()) {
      if (curve.getValue().equals(name)) {
        return curve.getKey();
      }
    }
    throw new IllegalStateException("Keyward does not use curve " + name);
  }

  private static Integer aesSize(Map<String, String> tags) {
    String size = tags == null ? null : tags.get(KeyVaultTags.KEY_SIZE);
    try {
      return size == null ? null : Integer.valueOf(size);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String fingerprint(KeyPair pair) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
