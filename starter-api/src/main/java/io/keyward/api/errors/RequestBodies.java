package io.keyward.api.errors;

/** The one check every resource makes on a JSON body before it reads it: that there is one. */
public final class RequestBodies {
  private RequestBodies() {}

  /** {@code body}; a 400 saying that a body is required when it is null. */
  public static <T> T required(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
