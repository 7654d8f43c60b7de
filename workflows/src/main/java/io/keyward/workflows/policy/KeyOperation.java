package io.keyward.workflows.policy;

/** Operations a key may be used for (Key Vault's key_ops). */
public enum KeyOperation {
  ENCRYPT,
  DECRYPT,
  SIGN,
  VERIFY,
  WRAP_KEY,
  UNWRAP_KEY
}
