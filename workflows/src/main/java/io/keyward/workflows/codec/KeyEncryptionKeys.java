package io.keyward.workflows.codec;

/**
 * The key-encryption keys a process knows: the current one, which wraps new data keys, and those
 * that may still unwrap old ones (the current key's earlier versions, retired keys kept for
 * decoding only).
 */
public interface KeyEncryptionKeys {
  /** The key new payloads are encrypted under. */
  KeyEncryptionKey current();

  /**
   * The key a payload names.
   *
   * @throws UnknownKeyEncryptionKeyException when it is neither the current key nor a retired one
   *     this process keeps
   */
  KeyEncryptionKey forId(String id);
}
