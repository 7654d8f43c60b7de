package io.keyward.api.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.api.webhook.TimestampWindow;
import io.keyward.workflows.integration.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The ServiceNow delivery signature. The expected value was computed independently with {@code
 * printf '%s' '<timestamp>.<body>' | openssl dgst -sha256 -hmac '<secret>'}.
 */
class ServiceNowSignatureTest {
  private static final Secret SECRET = Secret.ofText("keyward-shared-secret");
  private static final String TIMESTAMP = "1764331200";
  private static final byte[] BODY =
      "{\"sys_id\":\"9d385017c611228701d22104cc95c371\"}".getBytes(StandardCharsets.UTF_8);
  private static final String OPENSSL =
      "sha256=5822b6758250c3cab827e37d9fa2404bd6117bc2e94152f8b230a700d81a6ef0";

  private final ServiceNowSignature signature =
      new ServiceNowSignature(
          SECRET,
          new TimestampWindow(
              Duration.ofMinutes(5),
              Clock.fixed(Instant.ofEpochSecond(1764331200 + 60), ZoneOffset.UTC)));

  @Test
  void signsTheTimestampADotAndTheBodyAsOpensslDoes() {
    assertThat(ServiceNowSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(OPENSSL);
    assertThatCode(() -> signature.verify(TIMESTAMP, OPENSSL, BODY)).doesNotThrowAnyException();
    assertThatCode(
            () ->
                signature.verify(
                    TIMESTAMP, OPENSSL.toUpperCase().replace("SHA256=", "sha256="), BODY))
        .as("hex digits in either case")
        .doesNotThrowAnyException();
  }

  @Test
  void refusesASignatureOfAnotherBodyOrWithoutItsScheme() {
    byte[] other = "{\"sys_id\":\"0\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> signature.verify(TIMESTAMP, OPENSSL, other))
        .hasMessage("the signature does not match the body: nothing was started");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, OPENSSL.substring(7), BODY))
        .hasMessage("the X-Keyward-Signature header must be sha256=<hex HMAC-SHA256>");
  }
}
