package io.keyward.api.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.workflows.webauthn.PersonCredential;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security keys API refuses what it cannot verify, with a 4xx that says what is wrong, and
 * stores nothing; only a key's person or a security team lead revokes it. The whole registration
 * with a real authenticator is proven in Chromium ({@code SecurityKeysInChromiumTest}).
 */
class SecurityKeysApiTest {
  @TempDir static Path data;
  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
  }

  @AfterAll
  static void stop() {
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void refusesARegistrationNobodyBegan() {
    RunningKeyward.Reply reply =
        keyward.post(
            "kim",
            "/api/security-keys",
            "{\"clientDataJson\":\"e30\",\"attestationObject\":\"oA\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .contains("no registration was begun in the last five minutes");
    assertThat(keyward.stores().credentials().ofPerson("kim")).isEmpty();
  }

  @Test
  void refusesAnAttestationThatDoesNotVerifyAndStoresNothing() {
    RunningKeyward.Reply options =
        keyward.post("kai", "/api/security-keys/registration-options", "");
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.body().get("rpId").asText()).isEqualTo("localhost");
    assertThat(options.body().get("challenge").asText()).hasSizeGreaterThan(40);

    RunningKeyward.Reply reply =
        keyward.post(
            "kai",
            "/api/security-keys",
            "{\"clientDataJson\":\"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0\",\"attestationObject\":\"oA\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .startsWith("the security key's registration does not verify");
    assertThat(keyward.stores().credentials().ofPerson("kai")).isEmpty();
  }

  @Test
  void revokesOnlyForItsPersonOrALead() {
    keyward
        .stores()
        .credentials()
        .register(
            PersonCredential.pending(
                "sam",
                "c2FtLWtleQ",
                "pk",
                0,
                "localhost",
                "http://localhost",
                Instant.parse("2026-12-03T10:00:00Z")));

    assertThat(keyward.post("kim", "/api/security-keys/c2FtLWtleQ/revocation", "").status())
        .isEqualTo(403);
    assertThat(keyward.stores().credentials().find("c2FtLWtleQ").orElseThrow().state().name())
        .isEqualTo("PENDING");
    RunningKeyward.Reply revoked =
        keyward.post("lena", "/api/security-keys/c2FtLWtleQ/revocation", "");
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().get("state").asText()).isEqualTo("REVOKED");
    assertThat(revoked.body().get("revokedBy").asText()).isEqualTo("lena");
    assertThat(keyward.post("sam", "/api/security-keys/c2FtLWtleQ/revocation", "").status())
        .isEqualTo(409);
    assertThat(keyward.audit().recordsFor("security-key/c2FtLWtleQ"))
        .extracting(r -> r.event().type())
        .contains("CREDENTIAL_REVOKED");
  }
}
