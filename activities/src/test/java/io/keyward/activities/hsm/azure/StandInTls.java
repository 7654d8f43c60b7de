package io.keyward.activities.hsm.azure;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server identity made when a test starts: a P-256 key and a self-signed certificate for the
 * loopback address, which the test's HTTP client trusts and nothing else does.
 */
final class StandInTls {
  private static final char[] STORE_PASSWORD = "stand-in".toCharArray();

  private final X509Certificate certificate;
  private final SSLContext serverContext;

  private StandInTls(X509Certificate certificate, SSLContext serverContext) {
    this.certificate = certificate;
    this.serverContext = serverContext;
  }

  static StandInTls forLoopback() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=Key Vault stand-in");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              subject,
              pair.getPublic());
      String loopback = InetAddress.getLoopbackAddress().getHostAddress();
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, loopback),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("tls", pair.getPrivate(), STORE_PASSWORD, new Certificate[] {certificate});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return new StandInTls(certificate, context);
    } catch (GeneralSecurityException
        | java.io.IOException
        | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make the stand-in's TLS identity", e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  SSLContext serverContext() {
    return serverContext;
  }
}
