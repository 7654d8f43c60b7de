package io.keyward.api.codec;

import io.dropwizard.auth.Auth;
import io.keyward.api.access.AccessRoles;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.ForbiddenException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Temporal's remote codec protocol, for Temporal Web ({@code --ui-codec-endpoint}, the UI's codec
 * server setting) and the CLI ({@code --codec-endpoint}): {@code POST /codec/decode} and {@code
 * /codec/encode} with {@code {"payloads": [...]}}. Only an authenticated person with a role of
 * {@link AccessRoles#PAYLOAD_READERS} is answered.
 */
@Path("/codec")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class CodecResource {
  private final PayloadCodec codec;

  public CodecResource(PayloadCodec codec) {
    this.codec = codec;
  }

  @POST
  @Path("/decode")
  public String decode(@Auth KeywardPrincipal who, String body) {
    return run(who, body, codec::decode);
  }

  @POST
  @Path("/encode")
  public String encode(@Auth KeywardPrincipal who, String body) {
    return run(who, body, codec::encode);
  }

  private static String run(
      KeywardPrincipal who, String body, UnaryOperator<List<Payload>> operation) {
    if (Collections.disjoint(who.user().roles(), AccessRoles.PAYLOAD_READERS)) {
      throw new ForbiddenException(
          who.getName()
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
