package io.keyward.workflows.webauthn;

/**
 * Thrown by a validator while the step that needs signatures is opening (its enrolled keys not
 * loaded yet): the Update is rejected, but the person is not refused and may send the same decision
 * again in a moment. It reaches the client as a failure whose type is this class's name, by which
 * the API tells it from a refusal without reading its words.
 */
public final class KeysStillLoadingException extends RuntimeException {
  public KeysStillLoadingException() {
    super(SignedDecisions.STILL_LOADING, null, false, false);
  }
}
