package io.keyward.dev;

import io.keyward.workflows.common.TaskQueues;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** What dev mode prints once everything runs: where to go, where the data is, who can log in. */
final class DevBanner {
  /** The Temporal Web filter of ceremonies waiting for approvers. */
  static final String AWAITING_APPROVAL_QUERY = "KeywardPhase=\"AWAITING_APPROVAL\"";

  private DevBanner() {}

  static String text(LocalKeyward keyward, Map<String, String> env) {
    EmbeddedTemporal temporal = keyward.temporal();
    Path data = keyward.settings().dataDir();
    StringBuilder text = new StringBuilder();
    text.append("\n==== Keyward is running (dev mode) ====\n");
    line(text, "Approval UI", keyward.apiUri().resolve("ui"));
    line(text, "API", keyward.apiUri().resolve("api/generations"));
    line(text, "Admin/health", keyward.adminUri().resolve("healthcheck"));
    if (temporal.webUi().isPresent()) {
      URI web = temporal.webUi().get();
      line(text, "Temporal Web", workflowsPage(web, temporal.namespace()));
      line(text, "  awaiting approval", awaitingApproval(web, temporal.namespace()));
    } else {
      line(text, "Temporal Web", "none: in-process test server (see the WARN above)");
    }
    line(
        text,
        "Temporal",
        (temporal.database().isPresent()
                ? temporal.target()
                : "in-process test server, reachable from this process only")
            + ", namespace "
            + temporal.namespace()
            + ", task queue "
            + TaskQueues.CEREMONIES);
    line(text, "Data", data);
    line(
        text,
        "  Temporal",
        temporal.database().map(Path::toString).orElse("in memory: LOST when Keyward stops"));
    line(text, "  keys", data.resolve("keys"));
    String database = env.get("KEYWARD_DATABASE_URL");
    line(
        text,
        "  audit trail",
        database == null || database.isBlank()
            ? data.resolve("db")
                + " (embedded database; audit key "
                + data.resolve("audit.key")
                + ")"
            : database);
    String usersFile = env.get("KEYWARD_USERS_FILE");
    if (usersFile == null || usersFile.isBlank()) {
      line(text, "Users", "io/keyward/dev/users.yml, password <id>-demo-password");
      line(
          text,
          "",
          "e.g. alice requests; olivia and lena approve; kim, kai custodians; sam registers");
    } else {
      line(text, "Users", usersFile);
    }
    text.append(
        temporal.database().isPresent()
            ? "Ctrl-C stops Keyward; ceremonies in flight go on at the next start.\n"
            : "Ctrl-C stops Keyward; ceremonies in flight are LOST.\n");
    return text.toString();
  }

  static URI workflowsPage(URI webUi, String namespace) {
    return webUi.resolve("namespaces/" + namespace + "/workflows");
  }

  /** Temporal Web's workflow list filtered on {@value #AWAITING_APPROVAL_QUERY}. */
  static URI awaitingApproval(URI webUi, String namespace) {
    return URI.create(
        workflowsPage(webUi, namespace)
            + "?query="
            + URLEncoder.encode(AWAITING_APPROVAL_QUERY, StandardCharsets.UTF_8));
  }

  private static void line(StringBuilder text, String label, Object value) {
    text.append(String.format("  %-20s %s%n", label, value));
  }
}
