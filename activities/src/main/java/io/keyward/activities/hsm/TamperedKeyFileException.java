package io.keyward.activities.hsm;

/**
 * A key file or backup fails authentication under the right master secret: it was altered, its
 * records were moved between keys, or it is not a Keyward key file at all. Treat as an incident.
 */
public class TamperedKeyFileException extends IllegalStateException {
  public TamperedKeyFileException(String message) {
    super(message);
  }
}
