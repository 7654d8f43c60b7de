package io.keyward.workflows.testing;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import io.keyward.workflows.webauthn.AcceptedCredential;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.DecisionChallenge;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A WebAuthn authenticator in software for workflow tests: an ES256 key pair, a counter, and
 * assertions built as a browser and a security key build them (authenticator data with user
 * presence and verification, client data of type {@code webauthn.get}, an ECDSA signature over
 * both). The browser tests use Chromium's virtual authenticator instead.
 */
public final class SoftwareAuthenticator {
  public static final String RP_ID = "keyward.test";
  public static final String ORIGIN = "https://keyward.test";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String personId;
  private final String credentialId;
  private final KeyPair keys;
  private long counter;

  private SoftwareAuthenticator(String personId, String credentialId, KeyPair keys, long counter) {
    this.personId = personId;
    this.credentialId = credentialId;
    this.keys = keys;
    this.counter = counter;
  }

  public static SoftwareAuthenticator of(String personId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new SoftwareAuthenticator(
          personId,
          B64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)),
          generator.generateKeyPair(),
          0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with the same key and counter: a cloned authenticator. */
  public SoftwareAuthenticator cloned() {
    return new SoftwareAuthenticator(personId, credentialId, keys, counter);
  }

  /** The credential as the store would hold it once ACTIVE. */
  public AcceptedCredential credential() {
    byte[] cose =
        new ObjectConverter()
            .getCborMapper()
            .writeValueAsBytes(
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
    return new AcceptedCredential(
        personId, credentialId, B64.encodeToString(cose), 0, RP_ID, ORIGIN);
  }

  public String credentialId() {
    return credentialId;
  }

  /**
   * Signs the decision the workflow {@code workflowId} run {@code runId} expects at {@code step}.
   */
  public DecisionAssertion sign(String workflowId, String runId, String step, String reason) {
    String nonce =
        B64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    return signChallenge(
        DecisionChallenge.of(workflowId, runId, step, reason, nonce), nonce, ORIGIN);
  }

  /** Signs any challenge, as if the page at {@code origin} asked. */
  public DecisionAssertion signChallenge(String challenge, String nonce, String origin) {
    try {
      counter++;
      byte[] clientData =
          ("{\"type\":\"webauthn.get\",\"challenge\":\""
                  + challenge
                  + "\",\"origin\":\""
                  + origin
                  + "\",\"crossOrigin\":false}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] rpIdHash =
          MessageDigest.getInstance("SHA-256").digest(RP_ID.getBytes(StandardCharsets.UTF_8));
      byte[] authenticatorData =
          ByteBuffer.allocate(37).put(rpIdHash).put((byte) 0x05).putInt((int) counter).array();
      byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest(clientData);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(authenticatorData);
      signer.update(clientDataHash);
      return new DecisionAssertion(
          credentialId,
          B64.encodeToString(clientData),
          B64.encodeToString(authenticatorData),
          B64.encodeToString(signer.sign()),
          nonce);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
