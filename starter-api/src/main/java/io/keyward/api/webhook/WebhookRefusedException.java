package io.keyward.api.webhook;

import io.keyward.api.errors.ApiException;

/**
 * 401: a webhook delivery whose signature or timestamp does not check out. It starts and decides
 * nothing. The message says which check failed, never the expected signature or the secret.
 */
public final class WebhookRefusedException extends ApiException {
  public WebhookRefusedException(String message) {
    super(401, message);
  }
}
