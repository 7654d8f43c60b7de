package io.keyward.api.codec;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Lets Temporal Web, on its own origin, call {@code /codec/*} and the approval UI's {@code
 * /ui/codec/*} from the browser with the person's credentials (a bearer token, or the approval UI's
 * session cookie when Temporal Web sends cross-origin credentials): a preflight from that origin is
 * answered before authentication (it carries none), and every answer to it, a refusal too, names
 * the origin. Any other origin gets no CORS headers, so the browser keeps the answer from its page.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CodecCors implements ContainerRequestFilter, ContainerResponseFilter {
  static final String ALLOWED_HEADERS =
      "Content-Type, Authorization, X-Namespace, Caller-Type, Client-Name, Client-Version";

  private final String origin;

  /**
   * @param origin Temporal Web's origin, e.g. {@code http://localhost:8233}
   */
  public CodecCors(String origin) {
    this.origin = origin;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (isCodec(request) && "OPTIONS".equals(request.getMethod())) {
      Response.ResponseBuilder answer = Response.noContent();
      if (origin.equals(request.getHeaderString("Origin"))) {
        answer
            .header("Access-Control-Allow-Methods", "POST, OPTIONS")
            .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
            .header("Access-Control-Max-Age", "600");
      }
      request.abortWith(answer.build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (isCodec(request) && origin.equals(request.getHeaderString("Origin"))) {
      MultivaluedMap<String, Object> headers = response.getHeaders();
      headers.putSingle("Access-Control-Allow-Origin", origin);
      headers.putSingle("Access-Control-Allow-Credentials", "true");
      headers.add("Vary", "Origin");
    }
  }

  private static boolean isCodec(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.startsWith("codec/") || relative.startsWith("ui/codec/");
  }
}
