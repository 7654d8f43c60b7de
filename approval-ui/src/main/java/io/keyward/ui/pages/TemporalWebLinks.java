package io.keyward.ui.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links from a page to the workflow run behind it in Temporal Web, for operators; none when no
 * Temporal Web is configured (the in-process test server has none).
 */
public final class TemporalWebLinks {
  private final Optional<URI> base;
  private final String namespace;

  public TemporalWebLinks(Optional<URI> base, String namespace) {
    this.base = base;
    this.namespace = namespace;
  }

  /** e.g. {@code http://localhost:8233/namespaces/default/workflows/keygen%2Fkv%2Fsigning}. */
  public Optional<String> workflow(String workflowId) {
    return base.map(
        web ->
            web.resolve("namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId))
                .toString());
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
