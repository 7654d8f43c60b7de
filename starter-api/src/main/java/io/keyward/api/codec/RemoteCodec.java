package io.keyward.api.codec;

import io.keyward.api.access.AccessRoles;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.workflows.directory.DirectoryUser;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Temporal's remote codec protocol for one authenticated person, whichever way they authenticated:
 * the API's {@code /codec} (a bearer token or Basic credentials, for the CLI and for a Temporal Web
 * that passes its access token) and the approval UI's {@code /ui/codec} (the session cookie, for
 * Temporal Web in the browser the person signed in with). Only {@link AccessRoles#PAYLOAD_READERS}
 * are answered: decoded payloads hold the justifications and reasons of every ceremony.
 */
public final class RemoteCodec {
  private final PayloadCodec codec;

  public RemoteCodec(PayloadCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * The body {@code {"payloads": [...]}} decoded.
   *
   * @throws ForbiddenException when {@code who} may not read payloads
   * @throws IllegalArgumentException when the body is malformed or a payload does not decode
   */
  public String decode(DirectoryUser who, String body) {
    return run(who, body, codec::decode);
  }

  /** The body {@code {"payloads": [...]}} encoded, with the same rules as {@link #decode}. */
  public String encode(DirectoryUser who, String body) {
    return run(who, body, codec::encode);
  }

  private static String run(
      DirectoryUser who, String body, UnaryOperator<List<Payload>> operation) {
    if (Collections.disjoint(who.roles(), AccessRoles.PAYLOAD_READERS)) {
      throw new ForbiddenException(
          who.id()
              + " may not read payloads: that needs one of the roles "
              + AccessRoles.PAYLOAD_READERS
              + ", since decoded histories hold the justifications of every ceremony");
    }
    List<Payload> payloads = PayloadsJson.parse(body);
    try {
      return PayloadsJson.print(operation.apply(payloads));
    } catch (PayloadCodecException e) {
      throw new IllegalArgumentException("the payloads do not decode: " + e.getMessage());
    }
  }
}
