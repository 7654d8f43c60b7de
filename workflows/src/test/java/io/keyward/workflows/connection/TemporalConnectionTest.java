package io.keyward.workflows.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalConnectionTest {
  @Test
  void readsTheConnectionFromTheEnvironment() {
    TemporalConnection connection =
        TemporalConnection.fromEnvironment(
            Map.of(
                "KEYWARD_TEMPORAL_TARGET", "ns.acct.tmprl.cloud:7233",
                "KEYWARD_NAMESPACE", "ns.acct",
                "KEYWARD_TEMPORAL_SERVER_NAME", "ns.acct.tmprl.cloud",
                "KEYWARD_TEMPORAL_CLIENT_CERT_FILE", "/run/secrets/client.pem",
                "KEYWARD_TEMPORAL_CLIENT_KEY_FILE", "/run/secrets/client.key"),
            "127.0.0.1:7233");

    assertThat(connection.tls()).isTrue();
    assertThat(connection.namespace()).isEqualTo("ns.acct");
    assertThat(connection.clientKeyFile()).isEqualTo(Path.of("/run/secrets/client.key"));
    assertThat(connection.describe()).contains("TLS").contains("client.pem");
  }

  @Test
  void refusesAClientCertificateWithoutItsKey() {
    assertThatThrownBy(
            () ->
                new TemporalConnection(
                    "h:7233", "default", true, null, null, Path.of("c.pem"), null, null))
        .hasMessageContaining("both the client certificate file and the client key file");
  }

  @Test
  void sendsAnApiKeyOnlyOverTls() {
    TemporalConnection plain =
        TemporalConnection.fromEnvironment(Map.of("KEYWARD_TEMPORAL_API_KEY", "k-123"), "h:7233");

    assertThatThrownBy(
            () -> plain.serviceStubsOptions(Map.of("KEYWARD_TEMPORAL_API_KEY", "k-123"), f -> ""))
        .hasMessageContaining("only sent over TLS")
        .hasMessageNotContaining("k-123");
  }

  @Test
  void namesAMissingKeyFileWithoutReadingSecretsIntoTheMessage() {
    TemporalConnection connection =
        new TemporalConnection(
            "h:7233", "default", true, null, null, Path.of("c.pem"), Path.of("k.pem"), null);

    assertThatThrownBy(
            () ->
                connection.serviceStubsOptions(
                    Map.of(),
                    file -> {
                      throw new NoSuchFileException(file.toString());
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client certificate file c.pem cannot be read");
  }
}
