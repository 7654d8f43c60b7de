package io.keyward.workflows.codec;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/** Key-encryption keys held in memory (AES key wrap, RFC 3394) for codec tests. */
final class InMemoryKeks implements KeyEncryptionKeys {
  private final Map<String, KeyEncryptionKey> keys = new LinkedHashMap<>();
  private String current;
  int wraps;

  /** Adds a key and makes it the current one. */
  InMemoryKeks rotateTo(String id) {
    SecretKey key;
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      key = generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    keys.put(
        id,
        new KeyEncryptionKey() {
          @Override
          public String id() {
            return id;
          }

          @Override
          public byte[] wrap(byte[] dataKey) {
            wraps++;
            return run(Cipher.ENCRYPT_MODE, dataKey);
          }

          @Override
          public byte[] unwrap(byte[] wrapped) {
            return run(Cipher.DECRYPT_MODE, wrapped);
          }

          private byte[] run(int mode, byte[] input) {
            try {
              Cipher cipher = Cipher.getInstance("AESWrap");
              cipher.init(mode, key);
              return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("key wrap failed", e);
            }
          }
        });
    current = id;
    return this;
  }

  /** Forgets a key, as when a retired key is dropped from the configuration. */
  InMemoryKeks forget(String id) {
    keys.remove(id);
    return this;
  }

  @Override
  public KeyEncryptionKey current() {
    return keys.get(current);
  }

  @Override
  public KeyEncryptionKey forId(String id) {
    KeyEncryptionKey key = keys.get(id);
    if (key == null) {
      throw new UnknownKeyEncryptionKeyException("unknown key-encryption key " + id);
    }
    return key;
  }
}
