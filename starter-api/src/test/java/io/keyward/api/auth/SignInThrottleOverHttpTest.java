package io.keyward.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.workflows.audit.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing against the running application behind a proxy that names each client's address
 * ({@code useForwardedHeaders}): sixty wrong passwords for one name, then twenty names guessed from
 * one address. Each name and each address is slowed down on its own, with 429 and {@code
 * Retry-After}, and every attempt reaches the audit trail.
 */
class SignInThrottleOverHttpTest {
  private static final String PATH = "/api/generations/kv-none/none";

  @TempDir Path data;

  @Test
  void throttlesTheSixtiethWrongPasswordAndEachAddressOnItsOwnAndAuditsEveryAttempt()
      throws Exception {
    RunningKeyward keyward =
        RunningKeyward.start(
            data,
            audit -> List.of(),
            ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true"));
    try {
      Reply sixtieth = null;
      for (int attempt = 1; attempt <= 60; attempt++) {
        Reply reply = as(keyward, "lena", "guess-" + attempt, "203.0.113.9");
        if (attempt <= 5) {
          assertThat(reply.status()).as("attempt %d", attempt).isEqualTo(401);
        }
        sixtieth = reply;
      }
      assertThat(sixtieth.status()).isEqualTo(429);
      assertThat(sixtieth.header("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
      assertThat(sixtieth.body().get("message").asText())
          .startsWith("too many failed sign-ins as lena; sign-in as lena is refused for another");
      assertThat(sixtieth.raw().body()).doesNotContain("guess-");
      assertThat(as(keyward, "lena", "lena-demo-password", "203.0.113.9").status())
          .as("the right password is not even checked")
          .isEqualTo(429);

      for (int name = 0; name < 20; name++) {
        assertThat(as(keyward, "nobody-" + name, "x", "198.51.100.7").status()).isEqualTo(401);
      }
      Reply fromThere = as(keyward, "olivia", "olivia-demo-password", "198.51.100.7");
      Reply fromElsewhere = as(keyward, "olivia", "olivia-demo-password", "198.51.100.8");

      assertThat(fromThere.status()).isEqualTo(429);
      assertThat(fromThere.header("Retry-After")).isPresent();
      assertThat(fromThere.body().get("message").asText())
          .startsWith("too many failed sign-ins from this address;");
      assertThat(fromElsewhere.status()).as("olivia from another address").isEqualTo(404);
      assertThat(keyward.audit().recordsFor("sign-ins/lena"))
          .hasSize(5)
          .allSatisfy(
              r -> {
                assertThat(r.event().type()).isEqualTo(SignInGuard.FAILED);
                assertThat(r.event().details()).containsEntry("address", "203.0.113.9");
              });
    } finally {
      keyward.close();
    }

    // At stop, the attempts refused unchecked are written as one record per name and address.
    try (EmbeddedAuditStore audit = EmbeddedAuditStore.open(data)) {
      assertThat(throttled(audit.recordsFor("sign-ins/lena")))
          .singleElement()
          .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "56"));
      assertThat(throttled(audit.recordsFor("sign-ins/from/198.51.100.7")))
          .singleElement()
          .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "1"));
    }
  }

  private static List<AuditRecord> throttled(List<AuditRecord> records) {
    return records.stream()
        .filter(r -> r.event().type().equals(RefusalThrottle.THROTTLED))
        .toList();
  }

  private static Reply as(RunningKeyward keyward, String user, String password, String from) {
    return keyward.getWithHeaders(
        PATH,
        Map.of(
            "Authorization",
            RunningKeyward.basicAuthorization(user, password),
            "X-Forwarded-For",
            from));
  }
}
