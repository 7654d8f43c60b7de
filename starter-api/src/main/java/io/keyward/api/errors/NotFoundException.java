package io.keyward.api.errors;

/** 404: the ceremony (or record) the caller named does not exist. */
public final class NotFoundException extends ApiException {
  public NotFoundException(String message) {
    super(404, message);
  }
}
