package io.keyward.api.webhook;

import io.keyward.api.errors.ApiException;

/** 413: a webhook body over the limit, refused before it is read further or parsed. */
public final class BodyTooLargeException extends ApiException {
  public BodyTooLargeException(int limit) {
    super(413, "the body is larger than " + limit + " bytes; nothing was started");
  }
}
