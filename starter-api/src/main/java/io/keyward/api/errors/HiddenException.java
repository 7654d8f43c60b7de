package io.keyward.api.errors;

/**
 * 403: the person may not see the ceremony they named. It is the answer both to reading the
 * ceremony and to acting on it, on every surface, so that an attempt tells someone without a part
 * in a ceremony nothing about where it stands. A page shows it as its error page, not as a notice
 * on the ceremony's page.
 */
public final class HiddenException extends ForbiddenException {
  public HiddenException(String message) {
    super(message);
  }
}
