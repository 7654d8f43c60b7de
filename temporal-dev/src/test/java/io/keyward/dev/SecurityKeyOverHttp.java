package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import io.keyward.activities.directory.YamlDirectory;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.webauthn.SecurityKeyBootstrap;
import io.keyward.workflows.credential.EnrolmentRequest;
import io.keyward.workflows.webauthn.DecisionChallenge;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A person's security key in software, used over the API as a client with its own authenticator
 * would: it registers (a {@code none} attestation over the API's challenge), a security team lead
 * approves it with the lead's own key (the first lead's key is bootstrapped), and it signs the
 * challenge of each decision. The browser tests use Chromium's virtual authenticator instead.
 */
final class SecurityKeyOverHttp {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectConverter CBOR = new ObjectConverter();

  private final KeyPair keys;
  private final byte[] credentialId;
  private final String origin;
  private int counter;

  private SecurityKeyOverHttp(KeyPair keys, byte[] credentialId, String origin) {
    this.keys = keys;
    this.credentialId = credentialId;
    this.origin = origin;
  }

  /**
   * Registers a new key for {@code lead} and activates it as the operator's {@code
   * bootstrap-security-key} does (the same rules and audit event, in the dev mode's database), its
   * enrolment ended: the first lead's key, which no lead's key can approve.
   */
  static SecurityKeyOverHttp bootstrapLead(
      DemoUserHttp api, String lead, String origin, LocalKeyward keyward) throws Exception {
    SecurityKeyOverHttp key = register(api, lead, origin);
    String credentialId = B64.encodeToString(key.credentialId);
    try (JdbcStores stores = JdbcStores.embedded(keyward.settings().dataDir())) {
      new SecurityKeyBootstrap(
              stores.credentials(), YamlDirectory.demo(), stores.audit(), Clock.systemUTC())
          .bootstrap(credentialId, "ops-on-call");
    }
    keyward
        .temporal()
        .client()
        .newUntypedWorkflowStub(EnrolmentRequest.workflowId(credentialId))
        .terminate("security key enrolled by bootstrap by ops-on-call");
    return key;
  }

  /**
   * Registers a new key for {@code person} and has {@code lead} approve it, signed by {@code
   * leadKey} over the challenge the API gives for the approval.
   */
  static SecurityKeyOverHttp enrol(
      DemoUserHttp api, String person, String origin, String lead, SecurityKeyOverHttp leadKey)
      throws Exception {
    SecurityKeyOverHttp key = register(api, person, origin);
    String path = "/api/security-keys/" + B64.encodeToString(key.credentialId);
    DemoUserHttp.Answer approved = null;
    // The enrolment ceremony loads the enrolled keys before its lead's step opens: until then it
    // answers "try again".
    for (int attempt = 0;
        attempt < 100 && (approved == null || stillLoading(approved));
        attempt++) {
      if (approved != null) {
        Thread.sleep(100);
      }
      DemoUserHttp.Answer asked =
          api.post(lead, path + "/decision-challenge", Map.of("decision", "APPROVE"));
      assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("decision", "APPROVE");
      decision.put(
          "assertion",
          leadKey.signChallenge(
              asked.body().path("challenge").asText(), asked.body().path("nonce").asText()));
      approved = api.post(lead, path + "/decisions", decision);
    }
    assertThat(approved.body().path("phase").asText())
        .as(approved.body().toString())
        .isEqualTo("ACTIVE");
    return key;
  }

  private static boolean stillLoading(DemoUserHttp.Answer answer) {
    return answer.status() == 409
        && answer.body().path("message").asText().contains("still loading its enrolled");
  }

  private static SecurityKeyOverHttp register(DemoUserHttp api, String person, String origin)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    SecurityKeyOverHttp key =
        new SecurityKeyOverHttp(
            generator.generateKeyPair(),
            UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
            origin);
    DemoUserHttp.Answer options =
        api.post(person, "/api/security-keys/registration-options", Map.of());
    assertThat(options.status()).as(options.body().toString()).isEqualTo(200);
    DemoUserHttp.Answer registered =
        api.post(
            person,
            "/api/security-keys",
            key.registration(options.body().path("challenge").asText()));
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
    return key;
  }

  /** The assertion of a decision at {@code step} of the run, as the API's JSON carries it. */
  Map<String, String> sign(String workflowId, String runId, String step) throws Exception {
    String nonce =
        B64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    return signChallenge(DecisionChallenge.of(workflowId, runId, step, null, nonce), nonce);
  }

  /** The assertion over a challenge the API gave, with the nonce it gave with it. */
  Map<String, String> signChallenge(String challenge, String nonce) throws Exception {
    byte[] clientData = clientData("webauthn.get", challenge);
    byte[] authenticatorData =
        ByteBuffer.allocate(37).put(rpIdHash()).put((byte) 0x05).putInt(++counter).array();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(authenticatorData);
    signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    Map<String, String> assertion = new LinkedHashMap<>();
    assertion.put("credentialId", B64.encodeToString(credentialId));
    assertion.put("clientDataJson", B64.encodeToString(clientData));
    assertion.put("authenticatorData", B64.encodeToString(authenticatorData));
    assertion.put("signature", B64.encodeToString(signer.sign()));
    assertion.put("nonce", nonce);
    return assertion;
  }

  private Map<String, String> registration(String challenge) throws Exception {
    byte[] cose =
        CBOR.getCborMapper()
            .writeValueAsBytes(
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
    ByteArrayOutputStream authData = new ByteArrayOutputStream();
    authData.writeBytes(rpIdHash());
    authData.write(0x45); // user present, user verified, attested credential data
    authData.writeBytes(new byte[4]); // counter 0
    authData.writeBytes(new byte[16]); // AAGUID
    authData.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
    authData.writeBytes(credentialId);
    authData.writeBytes(cose);
    Map<String, Object> attestation = new LinkedHashMap<>();
    attestation.put("fmt", "none");
    attestation.put("attStmt", Map.of());
    attestation.put("authData", authData.toByteArray());
    return Map.of(
        "clientDataJson",
        B64.encodeToString(clientData("webauthn.create", challenge)),
        "attestationObject",
        B64.encodeToString(CBOR.getCborMapper().writeValueAsBytes(attestation)));
  }

  private byte[] clientData(String type, String challenge) {
    return ("{\"type\":\""
            + type
            + "\",\"challenge\":\""
            + challenge
            + "\",\"origin\":\""
            + origin
            + "\",\"crossOrigin\":false}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] rpIdHash() throws Exception {
    return MessageDigest.getInstance("SHA-256")
        .digest("localhost".getBytes(StandardCharsets.UTF_8));
  }
}
