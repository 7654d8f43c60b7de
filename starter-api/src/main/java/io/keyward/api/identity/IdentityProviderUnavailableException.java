package io.keyward.api.identity;

import io.keyward.api.errors.ApiException;

/** 503: the identity provider's configuration or keys cannot be fetched now; nothing changed. */
public final class IdentityProviderUnavailableException extends ApiException {
  IdentityProviderUnavailableException(String what) {
    super(503, what + "; nothing was changed, try again");
  }
}
