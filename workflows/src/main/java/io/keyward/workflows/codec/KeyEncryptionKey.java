package io.keyward.workflows.codec;

/**
 * One version of a key-encryption key (KEK): it wraps the data keys that encrypt payloads and never
 * leaves its provider. Implementations call the provider (software keystore, PKCS#11 token, Key
 * Vault); the codec calls them once per data key, not once per payload.
 */
public interface KeyEncryptionKey {
  /**
   * Names this key and version in every payload it protects, e.g. {@code
   * software:keyward/payloads@3}, so a payload finds its key after the current one has rotated.
   * Never secret; at most 200 characters.
   */
  String id();

  /** The data key encrypted under this key. */
  byte[] wrap(byte[] dataKey);

  /**
   * The data key {@link #wrap} encrypted.
   *
   * @throws RuntimeException when {@code wrapped} was not made by this key or was altered
   */
  byte[] unwrap(byte[] wrapped);
}
