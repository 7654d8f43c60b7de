package io.keyward.api.errors;

/** 403: the authenticated person holds none of the roles this action needs. */
public class ForbiddenException extends ApiException {
  public ForbiddenException(String message) {
    super(403, message);
  }
}
