package io.keyward.api.errors;

/**
 * 409: the request was understood but the ceremony refuses it in its current state, for example a
 * self-approval, a second vote by the same person or a decision on a closed request.
 */
public final class ConflictException extends ApiException {
  public ConflictException(String message) {
    super(409, message);
  }
}
