package io.keyward.api.slack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.api.webhook.TimestampWindow;
import io.keyward.api.webhook.WebhookRefusedException;
import io.keyward.workflows.integration.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's request signature, checked against the worked example in Slack's documentation. */
class SlackSignatureTest {
  private static final String TIMESTAMP = "1531420618";
  private static final byte[] BODY =
      ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
              + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
              + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
              + "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
              + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
          .getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private final SlackSignature signature =
      new SlackSignature(
          Secret.ofText("8f742231b10e8888abcd99yyyzzz85a5"),
          new TimestampWindow(
              Duration.ofMinutes(5),
              Clock.fixed(Instant.ofEpochSecond(1531420618 + 120), ZoneOffset.UTC)));

  @Test
  void acceptsSlacksDocumentedExample() {
    assertThatCode(() -> signature.verify(TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
  }

  @Test
  void refusesAChangedBodyOrTimestamp() {
    byte[] changed =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("roadrunner", "coyote")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> signature.verify(TIMESTAMP, SIGNATURE, changed))
        .isInstanceOf(WebhookRefusedException.class)
        .hasMessage("the Slack signature does not match: nothing was decided");
    assertThatThrownBy(() -> signature.verify("1531420619", SIGNATURE, BODY))
        .isInstanceOf(WebhookRefusedException.class);
  }

  @Test
  void refusesATimestampOutsideFiveMinutesEitherWay() {
    SlackSignature later =
        new SlackSignature(
            Secret.ofText("8f742231b10e8888abcd99yyyzzz85a5"),
            new TimestampWindow(
                Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(1531420618 + 301), ZoneOffset.UTC)));
    SlackSignature earlier =
        new SlackSignature(
            Secret.ofText("8f742231b10e8888abcd99yyyzzz85a5"),
            new TimestampWindow(
                Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(1531420618 - 301), ZoneOffset.UTC)));

    assertThatThrownBy(() -> later.verify(TIMESTAMP, SIGNATURE, BODY))
        .hasMessageStartingWith("the X-Slack-Request-Timestamp header is 301 seconds away");
    assertThatThrownBy(() -> earlier.verify(TIMESTAMP, SIGNATURE, BODY))
        .isInstanceOf(WebhookRefusedException.class);
  }

  @Test
  void refusesMissingOrMalformedHeaders() {
    assertThatThrownBy(() -> signature.verify(null, SIGNATURE, BODY))
        .hasMessage("the X-Slack-Request-Timestamp header is missing");
    assertThatThrownBy(() -> signature.verify("yesterday", SIGNATURE, BODY))
        .hasMessage("the X-Slack-Request-Timestamp header must be Unix time in seconds");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, "sha256=abc", BODY))
        .hasMessage("the X-Slack-Signature header must be v0=<hex HMAC-SHA256>");
  }
}
