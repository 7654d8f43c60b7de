package io.keyward.api.servicenow;

import io.keyward.api.webhook.HmacSignature;
import io.keyward.api.webhook.TimestampWindow;
import io.keyward.api.webhook.WebhookRefusedException;
import io.keyward.workflows.integration.Secret;

/**
 * Checks that a delivery comes from our ServiceNow instance: {@value #SIGNATURE_HEADER} must be
 * {@code sha256=} followed by the hex HMAC-SHA256, with the shared secret, of the {@value
 * #TIMESTAMP_HEADER} value, a dot and the raw body; the timestamp must be within the window.
 * Binding the timestamp into the signature means an old delivery cannot be replayed with a fresh
 * timestamp.
 */
public final class ServiceNowSignature {
  public static final String SIGNATURE_HEADER = "X-Keyward-Signature";
  public static final String TIMESTAMP_HEADER = "X-Keyward-Timestamp";
  private static final String SCHEME = "sha256=";

  private final HmacSignature hmac;
  private final TimestampWindow window;

  public ServiceNowSignature(Secret secret, TimestampWindow window) {
    this.hmac = new HmacSignature(secret);
    this.window = window;
  }

  /**
   * @throws WebhookRefusedException when a header is missing or malformed, the timestamp is stale
   *     or the signature does not match
   */
  public void verify(String timestamp, String signature, byte[] body) {
    window.check(TIMESTAMP_HEADER, timestamp);
    if (signature == null || !signature.strip().startsWith(SCHEME)) {
      throw new WebhookRefusedException(
          "the " + SIGNATURE_HEADER + " header must be sha256=<hex HMAC-SHA256>");
    }
    String expected = hmac.hex(timestamp.strip() + ".", body);
    if (!HmacSignature.matches(expected, signature.strip().substring(SCHEME.length()))) {
      throw new WebhookRefusedException(
          "the signature does not match the body: nothing was started");
    }
  }

  /** The header value for {@code body} sent at {@code timestamp}, as ServiceNow computes it. */
  public static String sign(Secret secret, String timestamp, byte[] body) {
    return SCHEME + new HmacSignature(secret).hex(timestamp + ".", body);
  }
}
