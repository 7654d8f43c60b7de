package io.keyward.activities.hsm;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle JCA provider instance the software keystore uses, without registering it.
 */
final class BouncyCastle {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
