package io.keyward.activities.hsm.pkcs11;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * One PKCS#11 token opened through the JDK's SunPKCS11 provider and logged in, with its key store.
 * The provider instance is Keyward's own: it is not installed in {@link Security}, so nothing else
 * in the JVM picks it by accident.
 *
 * <p>Key generation is configured so that keys are made inside the token and can never leave it:
 * private keys are generated as token objects, sensitive and not extractable; secret keys are
 * generated sensitive and not extractable as session objects and become token objects when stored
 * under their label (generating them as token objects would leave an unlabelled twin behind, since
 * storing copies them). The token keeps CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE true.
 *
 * <p>The key store's view of the token is refreshed by {@link #refresh()}, so objects written by
 * another process become visible. Thread-safe: the key store serialises its own calls.
 */
final class Pkcs11Token {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Pkcs11Settings settings;
  private final Pkcs11Pin pin;
  private final Provider provider;
  private final KeyStore keyStore;

  private Pkcs11Token(
      Pkcs11Settings settings, Pkcs11Pin pin, Provider provider, KeyStore keyStore) {
    this.settings = settings;
    this.pin = pin;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Configures SunPKCS11 for the token and logs in.
   *
   * @throws IllegalArgumentException when the token cannot be found or the PIN is wrong
   * @throws IllegalStateException when the library cannot be used
   */
  static Pkcs11Token open(Pkcs11Settings settings, Pkcs11Pin pin) {
    String where = "PKCS#11 provider " + settings.name() + " (" + settings.describeToken() + ")";
    String configuration = configuration(settings);
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(configuration);
    } catch (ProviderException | InvalidParameterException e) {
      throw new IllegalStateException(
          where
              + " cannot be configured: "
              + rootMessage(e)
              + " (library "
              + settings.library()
              + ")");
    }
    KeyStore keyStore;
    try {
      keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin.chars());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException(
            where + ": the PIN from " + pin.source() + " is not the token's user PIN");
      }
      throw new IllegalStateException(where + ": login failed: " + rootMessage(e));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(where + ": the key store is unavailable: " + rootMessage(e));
    }
    return new Pkcs11Token(settings, pin, provider, keyStore);
  }

  /** The SunPKCS11 configuration text, given inline. */
  static String configuration(Pkcs11Settings settings) {
    StringBuilder config = new StringBuilder("--");
    config
        .append("name = Keyward-")
        .append(settings.name())
        .append('-')
        .append(INSTANCES.incrementAndGet())
        .append('\n');
    config.append("library = \"").append(settings.library()).append("\"\n");
    if (settings.tokenLabel() != null) {
      config
          .append("slot = ")
          .append(TokenSlots.slotOf(settings.library(), settings.tokenLabel()))
          .append('\n');
    } else if (settings.slot() != null) {
      config.append("slot = ").append(settings.slot()).append('\n');
    } else {
      config.append("slotListIndex = ").append(settings.slotListIndex()).append('\n');
    }
    config.append(
        """
        attributes(generate, CKO_PRIVATE_KEY, *) = {
          CKA_TOKEN = true
          CKA_PRIVATE = true
          CKA_SENSITIVE = true
          CKA_EXTRACTABLE = false
        }
        attributes(generate, CKO_SECRET_KEY, *) = {
          CKA_SENSITIVE = true
          CKA_EXTRACTABLE = false
        }
        """);
    return config.toString();
  }

  Provider provider() {
    return provider;
  }

  Pkcs11Settings settings() {
    return settings;
  }

  /** Re-reads the token's objects, so labels written elsewhere are seen. */
  void refresh() {
    try {
      keyStore.load(null, pin.chars());
    } catch (IOException | GeneralSecurityException e) {
      throw failure("cannot read the token's objects", e);
    }
  }

  List<String> aliases() {
    try {
      return Collections.list(keyStore.aliases());
    } catch (KeyStoreException e) {
      throw failure("cannot list the token's objects", e);
    }
  }

  /** The key under {@code alias}, a handle to the object in the token. */
  Key key(String alias) {
    try {
      Key key = keyStore.getKey(alias, null);
      if (key == null) {
        throw new IllegalStateException(describe() + " holds no key labelled " + alias);
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw failure("cannot open the key labelled " + alias, e);
    }
  }

  /** The certificate labelled {@code alias}; empty when the label names no key pair. */
  Optional<X509Certificate> certificateIfPresent(String alias) {
    try {
      return keyStore.getCertificate(alias) instanceof X509Certificate x509
          ? Optional.of(x509)
          : Optional.empty();
    } catch (KeyStoreException e) {
      throw failure("cannot read the certificate labelled " + alias, e);
    }
  }

  KeyPair generateKeyPair(String algorithm, AlgorithmParameterSpec parameters) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, provider);
      generator.initialize(parameters);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException | ProviderException e) {
      throw failure("cannot generate a " + algorithm + " key pair", e);
    }
  }

  SecretKey generateSecretKey(String algorithm, int bits) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance(algorithm, provider);
      generator.init(bits);
      return generator.generateKey();
    } catch (GeneralSecurityException | ProviderException e) {
      throw failure("cannot generate a " + algorithm + " key", e);
    }
  }

  /** Labels a key pair generated in the token, storing its certificate beside it. */
  void storePrivateKey(String alias, KeyPair pair, X509Certificate certificate) {
    store(alias, new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {certificate}));
  }

  /** Makes a secret key generated in the token a token object under {@code alias}. */
  void storeSecretKey(String alias, SecretKey key) {
    store(alias, new KeyStore.SecretKeyEntry(key));
  }

  /** Destroys the object (for a private key, also its certificate) labelled {@code alias}. */
  void delete(String alias) {
    try {
      keyStore.deleteEntry(alias);
    } catch (KeyStoreException e) {
      throw failure("cannot delete the object labelled " + alias, e);
    }
  }

  /** True when the token offers {@code algorithm} for {@code type} (Cipher, Signature, ...). */
  boolean offers(String type, String algorithm) {
    return provider.getService(type, algorithm) != null;
  }

  String describe() {
    return "PKCS#11 provider " + settings.name() + " (" + settings.describeToken() + ")";
  }

  private void store(String alias, KeyStore.Entry entry) {
    try {
      keyStore.setEntry(alias, entry, null);
    } catch (KeyStoreException | ProviderException e) {
      throw failure("cannot store the object labelled " + alias, e);
    }
  }

  private IllegalStateException failure(String what, Exception e) {
    return new IllegalStateException(describe() + ": " + what + ": " + rootMessage(e), e);
  }

  /** The innermost message, which for a token error is its CKR_ code; never key material. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
