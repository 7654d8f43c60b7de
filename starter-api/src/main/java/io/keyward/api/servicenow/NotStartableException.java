package io.keyward.api.servicenow;

import io.keyward.api.errors.ApiException;

/** 501: a record type Keyward knows but whose ceremony this deployment cannot start. */
public final class NotStartableException extends ApiException {
  public NotStartableException(String message) {
    super(501, message);
  }
}
