package io.keyward.api.webauthn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A security key in software for tests over HTTP: what a browser sends to {@code POST
 * /api/security-keys} after its authenticator made a new credential over the API's challenge (a
 * {@code none} attestation, user present and verified), built with webauthn4j's own data types.
 */
final class SoftwareSecurityKey {
  private static final ObjectConverter CONVERTER = new ObjectConverter();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final ECPublicKey publicKey;
  private final byte[] credentialId = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

  SoftwareSecurityKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    this.publicKey = (ECPublicKey) generator.generateKeyPair().getPublic();
  }

  String credentialId() {
    return B64.encodeToString(credentialId);
  }

  /** The registration body for {@code challenge} (base64url, as the options gave it). */
  String registration(String challenge, String rpId, String origin) throws Exception {
    CollectedClientData clientData =
        new CollectedClientData(
            ClientDataType.WEBAUTHN_CREATE,
            new DefaultChallenge(challenge),
            new Origin(origin),
            null);
    byte[] rpIdHash =
        MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
    AuthenticatorData<?> authenticatorData =
        new AuthenticatorData<>(
            rpIdHash,
            (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT),
            0,
            new AttestedCredentialData(
                new AAGUID(new byte[16]),
                credentialId,
                EC2COSEKey.create(publicKey, COSEAlgorithmIdentifier.ES256)));
    @SuppressWarnings({"unchecked", "rawtypes"})
    AttestationObject attestation =
        new AttestationObject(
            (AuthenticatorData) authenticatorData, new NoneAttestationStatement());
    return JSON.writeValueAsString(
        Map.of(
            "clientDataJson",
            new CollectedClientDataConverter(CONVERTER).convertToBase64UrlString(clientData),
            "attestationObject",
            new AttestationObjectConverter(CONVERTER).convertToBase64urlString(attestation)));
  }
}
