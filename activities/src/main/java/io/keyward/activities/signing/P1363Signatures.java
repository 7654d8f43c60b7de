package io.keyward.activities.signing;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * ECDSA P-256 signatures in IEEE P1363 form (r||s, 32 bytes each), the form Key Vault's ES256 and
 * PKCS#11's CKM_ECDSA give; the JDK's and BouncyCastle's {@code SHA256withECDSA} give ASN.1 DER,
 * which is turned into it here.
 */
final class P1363Signatures {
  static final int SIZE = 64;

  private P1363Signatures() {}

  static byte[] fromProvider(byte[] signature) {
    if (signature.length == SIZE) {
      return signature;
    }
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
      if (sequence.size() != 2) {
        throw new IllegalStateException("an ECDSA signature has two integers");
      }
      byte[] out = new byte[SIZE];
      place(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), out, 0);
      place(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), out, SIZE / 2);
      return out;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the signing key's provider answered neither P1363 nor DER ECDSA ("
              + signature.length
              + " bytes): is it an EC P-256 key?",
          e);
    }
  }

  private static void place(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > SIZE / 2 ? bytes.length - SIZE / 2 : 0;
    int length = bytes.length - start;
    if (length > SIZE / 2) {
      throw new IllegalStateException("not a P-256 signature");
    }
    System.arraycopy(bytes, start, out, offset + SIZE / 2 - length, length);
  }
}
