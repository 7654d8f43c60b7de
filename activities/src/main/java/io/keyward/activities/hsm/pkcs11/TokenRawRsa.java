package io.keyward.activities.hsm.pkcs11;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * The raw RSA private-key operation (CKM_RSA_X_509) of a token key, shaped as a BouncyCastle block
 * cipher so that BouncyCastle's OAEP decoding can run over it: SunPKCS11 offers no OAEP, and OAEP
 * with SHA-256 is what the other providers use. Decryption only; the private key never leaves the
 * token, only the padded message does, as with any decryption.
 */
final class TokenRawRsa implements AsymmetricBlockCipher {
  private final Provider token;
  private final PrivateKey key;
  private final int modulusBytes;

  TokenRawRsa(Provider token, PrivateKey key, int modulusBits) {
    this.token = token;
    this.key = key;
    this.modulusBytes = (modulusBits + 7) / 8;
  }

  @Override
  public void init(boolean forEncryption, CipherParameters param) {
    if (forEncryption) {
      throw new UnsupportedOperationException("the token's raw RSA serves decryption only");
    }
  }

  @Override
  public int getInputBlockSize() {
    return modulusBytes;
  }

  /** One byte less than the modulus, as BouncyCastle's OAEP decoder expects of an RSA engine. */
  @Override
  public int getOutputBlockSize() {
    return modulusBytes - 1;
  }

  @Override
  public byte[] processBlock(byte[] in, int inOff, int inLen) throws InvalidCipherTextException {
    byte[] block;
    try {
      Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding", token);
      raw.init(Cipher.DECRYPT_MODE, key);
      block = raw.doFinal(in, inOff, inLen);
    } catch (GeneralSecurityException e) {
      throw new InvalidCipherTextException("raw RSA decryption failed in the token");
    }
    if (block.length == modulusBytes && block[0] == 0) {
      byte[] stripped = Arrays.copyOfRange(block, 1, block.length);
      Arrays.fill(block, (byte) 0);
      return stripped;
    }
    return block;
  }
}
