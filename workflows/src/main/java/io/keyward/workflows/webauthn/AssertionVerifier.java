package io.keyward.workflows.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * Verifies one WebAuthn assertion with webauthn4j: the challenge, the origin and relying party the
 * credential was enrolled for, user presence and verification, the signature against the enrolled
 * public key, and a signature counter above the highest seen. Pure computation over its arguments
 * (no clock, no I/O), so an Update validator may call it and {@code verify-audit} may call it again
 * offline.
 */
public final class AssertionVerifier {
  private static final ObjectConverter CONVERTER = new ObjectConverter();
  private static final WebAuthnManager WEBAUTHN =
      WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);

  private AssertionVerifier() {}

  /** What verifying said: the counter the authenticator reported, or why it was refused. */
  public record Verified(long signCount, String refusal) {
    public boolean passed() {
      return refusal == null;
    }
  }

  /**
   * Verifies {@code assertion} over {@code challenge} (base64url) against {@code credential}.
   * {@code checkCounter} false skips the counter (an offline re-verification, which knows only the
   * counter of the last use).
   */
  public static Verified verify(
      DecisionAssertion assertion,
      String challenge,
      AcceptedCredential credential,
      boolean checkCounter) {
    try {
      byte[] credentialId = bytes(assertion.credentialId());
      COSEKey key =
          CONVERTER.getCborMapper().readValue(bytes(credential.publicKey()), COSEKey.class);
      CredentialRecordImpl record =
          new CredentialRecordImpl(
              new NoneAttestationStatement(),
              null,
              null,
              null,
              checkCounter ? credential.signCount() : 0,
              new AttestedCredentialData(AAGUID.NULL, credentialId, key),
              null,
              null,
              null,
              null);
      ServerProperty server =
          ServerProperty.builder()
              .origin(new Origin(credential.origin()))
              .rpId(credential.rpId())
              .challenge(new DefaultChallenge(bytes(challenge)))
              .build();
      AuthenticationRequest request =
          new AuthenticationRequest(
              credentialId,
              bytes(assertion.authenticatorData()),
              bytes(assertion.clientDataJson()),
              bytes(assertion.signature()));
      AuthenticationData verified =
          WEBAUTHN.verify(
              request,
              new AuthenticationParameters(server, record, List.of(credentialId), true, true));
      long count = verified.getAuthenticatorData().getSignCount();
      if (checkCounter && count <= credential.signCount()) {
        return refused(counterRefusal(count, credential.signCount()));
      }
      return new Verified(count, null);
    } catch (MaliciousCounterValueException e) {
      return refused(
          "the security key's signature counter did not increase: the key may be cloned; it was"
              + " refused and should be revoked");
    } catch (BadChallengeException e) {
      return refused(
          "the security key signed another decision (another ceremony, run, step or reason)");
    } catch (BadOriginException | BadRpIdException e) {
      return refused(
          "the security key answered another site than "
              + credential.origin()
              + " (relying party "
              + credential.rpId()
              + ")");
    } catch (UserNotPresentException | UserNotVerifiedException e) {
      return refused("the security key did not verify its user (PIN or biometrics) in person");
    } catch (BadSignatureException e) {
      return refused("the signature does not verify against the enrolled public key");
    } catch (VerificationException
        | DataConversionException
        | JacksonException
        | IllegalArgumentException e) {
      return refused("the security key's answer does not verify: " + e.getClass().getSimpleName());
    } catch (RuntimeException malformed) {
      // Parts that cannot even be read (webauthn4j's parser refuses them): refused the same way.
      return refused(
          "the security key's answer cannot be read: " + malformed.getClass().getSimpleName());
    }
  }

  /**
   * The signature counter an assertion's authenticator data reports (bytes 33 to 36, big-endian),
   * read without verifying anything: call it on an assertion already verified.
   */
  public static long signCountOf(DecisionAssertion assertion) {
    byte[] data = bytes(assertion.authenticatorData());
    if (data.length < 37) {
      throw new IllegalArgumentException("authenticator data too short for a counter");
    }
    return ByteBuffer.wrap(data, 33, 4).getInt() & 0xFFFFFFFFL;
  }

  private static String counterRefusal(long count, long seen) {
    return "the security key's signature counter did not increase ("
        + count
        + " after "
        + seen
        + "): the key may be cloned; it was refused and should be revoked";
  }

  private static Verified refused(String why) {
    return new Verified(-1, why);
  }

  private static byte[] bytes(String base64url) {
    if (base64url == null || base64url.isEmpty()) {
      throw new IllegalArgumentException("a part of the assertion is missing");
    }
    return Base64.getUrlDecoder().decode(base64url);
  }
}
