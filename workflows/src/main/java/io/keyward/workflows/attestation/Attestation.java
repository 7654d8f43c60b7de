package io.keyward.workflows.attestation;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.interceptors.Header;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed {@link AttestationClaims} as they travel in the Temporal header {@value #HEADER} of a
 * start, Update or Signal: beside the arguments, so workflow signatures and records do not change.
 * {@code signature} is ECDSA P-256 with SHA-256 in IEEE P1363 form (r||s), base64url.
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

  /** {@code header} with this attestation added (any earlier one replaced). */
  public Header addedTo(Header header) {
    Map<String, Payload> values = new HashMap<>(header == null ? Map.of() : header.getValues());
    values.put(
        HEADER,
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(CanonicalJson.bytes(this)))
            .build());
    return new Header(values);
  }

  /**
   * The attestation in {@code header}: empty when there is none.
   *
   * @throws IllegalArgumentException when there is one that cannot be read
   */
  public static Optional<Attestation> in(Header header) {
    if (header == null) {
      return Optional.empty();
    }
    Payload payload = header.getValues().get(HEADER);
    if (payload == null) {
      return Optional.empty();
    }
    Attestation read = CanonicalJson.read(payload.getData().toByteArray(), Attestation.class);
    if (read == null || read.claims() == null) {
      throw new IllegalArgumentException("empty attestation");
    }
    return Optional.of(read);
  }
}
