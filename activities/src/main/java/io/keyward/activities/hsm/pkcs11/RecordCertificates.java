package io.keyward.activities.hsm.pkcs11;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificates that carry {@link VersionRecord}s in a token. A private key can be
 * stored under a label only with a certificate, so each key pair gets one, signed inside the token
 * by the key itself; its subject names the vault and version (the full label is longer than a
 * common name may be) and a non-critical extension holds the record. The certificate's validity
 * says nothing about the key: notBefore and expiry are in the record.
 */
final class RecordCertificates {
  /** A UUID-based OID (ITU-T X.667) naming the Keyward version record extension. */
  static final ASN1ObjectIdentifier RECORD_EXTENSION =
      new ASN1ObjectIdentifier("2.25.97944758962024718881012615978778228017");

  private static final Date NO_WELL_DEFINED_EXPIRY =
      Date.from(Instant.parse("9999-12-31T23:59:59Z"));

  private RecordCertificates() {}

  /**
   * A certificate for {@code publicKey}, signed in the token with {@code privateKey} using {@code
   * signatureAlgorithm}, labelled {@code label} and carrying {@code record}.
   */
  static X509Certificate issue(
      String label,
      VersionRecord record,
      PublicKey publicKey,
      PrivateKey privateKey,
      String signatureAlgorithm,
      Provider token,
      SecureRandom random) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Keyward")
            .addRDN(BCStyle.OU, record.vault())
            .addRDN(BCStyle.CN, record.version())
            .build();
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              serial,
              Date.from(record.created()),
              NO_WELL_DEFINED_EXPIRY,
              subject,
              publicKey);
      builder.addExtension(RECORD_EXTENSION, false, new DEROctetString(record.toJson()));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(signatureAlgorithm)
                      .setProvider(token)
                      .build(privateKey)));
    } catch (IOException | OperatorCreationException | CertificateException e) {
      throw new IllegalStateException(
          "cannot issue the record certificate of " + label + ": " + e.getMessage(), e);
    }
  }

  /**
   * The record in {@code certificate}.
   *
   * @throws IllegalArgumentException when the certificate carries none
   */
  static VersionRecord read(X509Certificate certificate, String label) {
    byte[] extension = certificate.getExtensionValue(RECORD_EXTENSION.getId());
    if (extension == null) {
      throw new IllegalArgumentException("the certificate of " + label + " carries no record");
    }
    byte[] json;
    try {
      ASN1OctetString outer = ASN1OctetString.getInstance(extension);
      json = ASN1OctetString.getInstance(outer.getOctets()).getOctets();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the certificate of " + label + " carries a malformed record extension");
    }
    return VersionRecord.fromJson(json, "the certificate of " + label);
  }
}
