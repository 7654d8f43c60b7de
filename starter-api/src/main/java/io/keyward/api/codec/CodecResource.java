package io.keyward.api.codec;

import io.dropwizard.auth.Auth;
import io.keyward.api.access.AccessRoles;
import io.keyward.api.auth.KeywardPrincipal;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Temporal's remote codec protocol for clients that send credentials in a header: the CLI ({@code
 * --codec-endpoint} with {@code --codec-auth}) and a Temporal Web that passes its users' access
 * tokens ({@code codec.passAccessToken}, which needs HTTPS): {@code POST /codec/decode} and {@code
 * /codec/encode} with {@code {"payloads": [...]}}. Only an authenticated person with a role of
 * {@link AccessRoles#PAYLOAD_READERS} is answered.
 */
@Path("/codec")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class CodecResource {
  private final RemoteCodec codec;

  public CodecResource(RemoteCodec codec) {
    this.codec = codec;
  }

  @POST
  @Path("/decode")
  public String decode(@Auth KeywardPrincipal who, String body) {
    return codec.decode(who.user(), body);
  }

  @POST
  @Path("/encode")
  public String encode(@Auth KeywardPrincipal who, String body) {
    return codec.encode(who.user(), body);
  }
}
