package io.keyward.ui.session;

/**
 * A one-line message shown once at the top of the next page: what a decision did, or why the
 * ceremony refused it, in the ceremony's own words.
 */
public record Notice(Kind kind, String text) {
  public enum Kind {
    DONE,
    REFUSED,
    /** Refused because the decision needs a more recent sign-in: the notice links to one. */
    SIGN_IN_AGAIN
  }

  public static Notice done(String text) {
    return new Notice(Kind.DONE, text);
  }

  public static Notice refused(String text) {
    return new Notice(Kind.REFUSED, text);
  }

  public static Notice signInAgain(String text) {
    return new Notice(Kind.SIGN_IN_AGAIN, text);
  }

  public boolean refused() {
    return kind != Kind.DONE;
  }

  public boolean signInAgain() {
    return kind == Kind.SIGN_IN_AGAIN;
  }
}
