package io.keyward.api.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.keyward.api.errors.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Answers a request without valid credentials with 401, a {@code WWW-Authenticate} challenge and
 * the same JSON error body as every other failure of the API.
 */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ApiError(
                401,
                "authentication required: send HTTP Basic credentials of a Keyward directory"
                    + " user"))
        .build();
  }
}
