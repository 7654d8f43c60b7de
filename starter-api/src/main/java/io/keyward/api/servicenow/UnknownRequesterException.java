package io.keyward.api.servicenow;

import io.keyward.api.errors.ApiException;

/**
 * 422: the record names a ServiceNow user who is not mapped to a Keyward directory user, so nobody
 * can be held to the request; nothing was started.
 */
public final class UnknownRequesterException extends ApiException {
  public UnknownRequesterException(String message) {
    super(422, message);
  }
}
