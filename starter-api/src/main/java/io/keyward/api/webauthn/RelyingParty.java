package io.keyward.api.webauthn;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The relying party security keys are registered for: its id (a host name) and the page origins
 * that may ask for registrations and assertions. Empty {@code origins} accept any origin whose host
 * is the RP id, over https, or over http for {@code localhost}.
 */
public record RelyingParty(String rpId, List<String> origins) {
  public RelyingParty {
    Objects.requireNonNull(rpId, "rpId");
    origins = origins == null ? List.of() : List.copyOf(origins);
  }

  /** Whether a page at {@code origin} may register keys or decide with them. */
  public boolean accepts(String origin) {
    if (origin == null) {
      return false;
    }
    if (!origins.isEmpty()) {
      return origins.contains(origin);
    }
    try {
      URI uri = URI.create(origin);
      boolean secure =
          "https".equals(uri.getScheme())
              || ("http".equals(uri.getScheme()) && "localhost".equals(rpId));
      return secure
          && rpId.equals(uri.getHost())
          && (uri.getPath() == null || uri.getPath().isEmpty());
    } catch (IllegalArgumentException notAnOrigin) {
      return false;
    }
  }
}
