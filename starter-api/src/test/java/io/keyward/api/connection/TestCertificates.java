package io.keyward.api.connection;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA and the certificates it signs, written as PEM files for a test. */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A certificate and its key as PEM files. */
  record Issued(Path certificate, Path key, X509CertificateHolder holder, KeyPair keys) {}

  private TestCertificates() {}

  static Issued authority(Path dir, String name) throws Exception {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    JcaX509v3CertificateBuilder builder = builder(subject, subject, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    return write(dir, name, sign(builder, keys.getPrivate()), keys);
  }

  /** A server certificate for {@code localhost} and 127.0.0.1. */
  static Issued server(Path dir, Issued ca) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        builder(ca.holder().getSubject(), new X500Name("CN=localhost"), keys);
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return write(dir, "server", sign(builder, ca.keys().getPrivate()), keys);
  }

  static Issued client(Path dir, Issued ca, String name) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        builder(ca.holder().getSubject(), new X500Name("CN=" + name), keys);
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return write(dir, name, sign(builder, ca.keys().getPrivate()), keys);
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509CertificateHolder sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException {
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
  }

  private static Issued write(Path dir, String name, X509CertificateHolder holder, KeyPair keys)
      throws IOException {
    Path certificate = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    Files.writeString(certificate, pem(holder));
    Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
    return new Issued(certificate, key, holder, keys);
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
