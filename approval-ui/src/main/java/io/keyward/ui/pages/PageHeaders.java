package io.keyward.ui.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every answer under {@code /ui}: a Content-Security-Policy that runs only Keyward's own
 * script file (no inline script, so even markup that slipped past escaping could not run), no
 * framing, no MIME sniffing, no caching of pages that show ceremonies.
 */
public final class PageHeaders implements ContainerResponseFilter {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (!(path.equals("ui") || path.startsWith("ui/") || path.isEmpty() || path.equals("/"))) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("X-Frame-Options", "DENY");
    headers.putSingle("Referrer-Policy", "same-origin");
    if (!path.startsWith("ui/assets/")) {
      headers.putSingle("Cache-Control", "no-store");
    }
  }
}
