package io.keyward.api.identity;

import io.keyward.api.errors.ApiException;

/**
 * 401: a bearer token or an identity provider's answer was refused. The message says why in words a
 * person understands; it never repeats the token.
 */
public final class IdentityRefusedException extends ApiException {
  IdentityRefusedException(String why) {
    super(401, why);
  }
}
