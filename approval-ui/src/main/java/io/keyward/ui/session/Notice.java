package io.keyward.ui.session;

/**
 * A one-line message shown once at the top of the next page: what a decision did, or why the
 * ceremony refused it, in the ceremony's own words.
 */
public record Notice(Kind kind, String text) {
  public enum Kind {
    DONE,
    REFUSED
  }

  public static Notice done(String text) {
    return new Notice(Kind.DONE, text);
  }

  public static Notice refused(String text) {
    return new Notice(Kind.REFUSED, text);
  }

  public boolean refused() {
    return kind == Kind.REFUSED;
  }
}
