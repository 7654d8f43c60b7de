package io.keyward.activities.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.keyward.activities.hsm.azure.AzureKeyVaultProvider;
import io.keyward.activities.hsm.azure.KeyVaultClients;
import io.keyward.activities.hsm.azure.KeyVaultSettings;
import io.keyward.workflows.policy.ProtectionLevel;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class ProviderHealthTest {
  private static final String TOKEN = "health-test-bearer-token-never-shown";

  @TempDir Path keys;

  @Test
  void reportsAKeyVaultThatCannotBeReachedUnhealthyWithoutItsToken() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KeyVaultSettings settings =
        new KeyVaultSettings(
            "kv-unreachable",
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            Map.of("kv-orders", URI.create("https://127.0.0.1:" + closedPort + "/")),
            0,
            Duration.ZERO);
    TokenCredential credential =
        request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    AzureKeyVaultProvider vault =
        new AzureKeyVaultProvider(
            settings, KeyVaultClients.build(settings, credential, null, false), Clock.systemUTC());

    try (ProviderHealth health =
        new ProviderHealth(vault, Duration.ofSeconds(20), Duration.ZERO, Clock.systemUTC())) {
      ProviderHealth.Status status = health.check();

      assertThat(status.healthy()).isFalse();
      assertThat(status.provider()).isEqualTo("kv-unreachable");
      assertThat(status.message()).startsWith("kv-unreachable fails: ").doesNotContain(TOKEN);
    }
  }

  @Test
  void reportsAProviderThatDoesNotAnswerInTimeUnhealthy() {
    KeyProvider stuck = mock(KeyProvider.class);
    CountDownLatch never = new CountDownLatch(1);
    when(stuck.name()).thenReturn("pkcs11-luna");
    when(stuck.listKeys())
        .thenAnswer(
            call -> {
              never.await();
              return List.of();
            });

    try (ProviderHealth health =
        new ProviderHealth(stuck, Duration.ofMillis(200), Duration.ZERO, Clock.systemUTC())) {
      ProviderHealth.Status status = health.check();

      assertThat(status.healthy()).isFalse();
      assertThat(status.message()).isEqualTo("pkcs11-luna did not answer within PT0.2S");
    }
  }

  @Test
  void reportsTheSoftwareKeystoreHealthyAndAsksAgainOnlyAfterTheCachePeriod() {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    KeyProvider software = new SoftwareKeyProvider(keys, MasterSecret.of(secret));
    KeyProvider counted = mock(KeyProvider.class);
    when(counted.name()).thenReturn(software.name());
    when(counted.listKeys()).thenAnswer(call -> software.listKeys());
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-02T10:00:00Z"));

    try (ProviderHealth health =
        new ProviderHealth(counted, Duration.ofSeconds(5), Duration.ofSeconds(15), clock)) {
      assertThat(health.check().healthy()).isTrue();
      assertThat(health.check().message()).isEqualTo(software.name() + " answers (0 keys)");
      verify(counted, times(1)).listKeys();

      clock.advance(Duration.ofSeconds(15));
      assertThat(health.check().healthy()).isTrue();
      verify(counted, times(2)).listKeys();
    }
  }
}
