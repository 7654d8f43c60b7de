package io.keyward.api.slack;

import io.keyward.api.webhook.HmacSignature;
import io.keyward.api.webhook.TimestampWindow;
import io.keyward.api.webhook.WebhookRefusedException;
import io.keyward.workflows.integration.Secret;

/**
 * Slack's request signature: {@value #SIGNATURE_HEADER} is {@code v0=} followed by the hex
 * HMAC-SHA256, with the app's signing secret, of {@code v0:<timestamp>:<raw body>}, where the
 * timestamp is {@value #TIMESTAMP_HEADER} and must be within the window.
 */
public final class SlackSignature {
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  private static final String VERSION = "v0";

  private final HmacSignature hmac;
  private final TimestampWindow window;

  public SlackSignature(Secret signingSecret, TimestampWindow window) {
    this.hmac = new HmacSignature(signingSecret);
    this.window = window;
  }

  /**
   * @throws WebhookRefusedException when a header is missing, the timestamp is stale or the
   *     signature does not match
   */
  public void verify(String timestamp, String signature, byte[] body) {
    window.check(TIMESTAMP_HEADER, timestamp);
    if (signature == null || !signature.strip().startsWith(VERSION + "=")) {
      throw new WebhookRefusedException(
          "the " + SIGNATURE_HEADER + " header must be v0=<hex HMAC-SHA256>");
    }
    String expected = hmac.hex(VERSION + ":" + timestamp.strip() + ":", body);
    if (!HmacSignature.matches(expected, signature.strip().substring(VERSION.length() + 1))) {
      throw new WebhookRefusedException("the Slack signature does not match: nothing was decided");
    }
  }

  /** The header value Slack sends for {@code body} at {@code timestamp}. */
  public static String sign(Secret signingSecret, String timestamp, byte[] body) {
    return VERSION
        + "="
        + new HmacSignature(signingSecret).hex(VERSION + ":" + timestamp + ":", body);
  }
}
