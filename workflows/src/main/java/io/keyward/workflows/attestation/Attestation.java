package io.keyward.workflows.attestation;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.interceptors.Header;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed {@link AttestationClaims} as they travel in the Temporal header {@value #HEADER} of a
 * start, Update or Signal: beside the arguments, so workflow signatures and records do not change.
 * {@code signature} is ECDSA P-256 with SHA-256 in IEEE P1363 form (r||s), base64url. The header
 * travels through the client's data converter, so under the payload codec it is encrypted like the
 * arguments: its digest of the input and the person's id are not in the history in clear.
 */
public record Attestation(AttestationClaims claims, String signature) {
  public static final String HEADER = "keyward-attestation";

  public Attestation {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(signature, "signature");
  }

  public static Attestation sign(AttestationClaims claims, AttestationSigner signer) {
    return new Attestation(
        claims,
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(signer.sign(claims.canonicalBytes())));
  }

  public byte[] signatureBytes() {
    return Base64.getUrlDecoder().decode(signature);
  }

  /**
   * {@code header} with this attestation added (any earlier one replaced), encoded by {@code
   * converter}: the client's, so its payload codec applies.
   */
  public Header addedTo(Header header, DataConverter converter) {
    Map<String, Payload> values = new HashMap<>(header == null ? Map.of() : header.getValues());
    values.put(
        HEADER,
        converter
            .toPayload(this)
            .orElseThrow(() -> new IllegalStateException("an attestation encodes to nothing")));
    return new Header(values);
  }

  /**
   * The attestation in {@code header}: empty when there is none.
   *
   * @throws IllegalArgumentException when there is one that cannot be read
   */
  public static Optional<Attestation> in(Header header, DataConverter converter) {
    if (header == null) {
      return Optional.empty();
    }
    Payload payload = header.getValues().get(HEADER);
    if (payload == null) {
      return Optional.empty();
    }
    Attestation read;
    try {
      read = converter.fromPayload(payload, Attestation.class, Attestation.class);
    } catch (DataConverterException unreadable) {
      throw new IllegalArgumentException("unreadable attestation", unreadable);
    }
    if (read == null || read.claims() == null) {
      throw new IllegalArgumentException("empty attestation");
    }
    return Optional.of(read);
  }
}
