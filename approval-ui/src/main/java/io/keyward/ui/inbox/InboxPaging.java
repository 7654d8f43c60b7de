package io.keyward.ui.inbox;

import com.google.protobuf.ByteString;
import java.util.Base64;

/**
 * Which page of the inbox to list: its size and the visibility's page token of the page before
 * (empty for the first page), as the page's "next" link carries it (URL-safe base64).
 */
public record InboxPaging(int size, ByteString token) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  public InboxPaging {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_SIZE + " rows, was " + size);
    }
  }

  public static InboxPaging first() {
    return new InboxPaging(DEFAULT_SIZE, ByteString.EMPTY);
  }

  /**
   * From the query parameters {@code size} and {@code page}, both optional.
   *
   * @throws IllegalArgumentException when either is not what an inbox link carries
   */
  public static InboxPaging of(Integer size, String page) {
    ByteString token = ByteString.EMPTY;
    if (page != null && !page.isEmpty()) {
      try {
        token = ByteString.copyFrom(Base64.getUrlDecoder().decode(page));
      } catch (IllegalArgumentException notBase64) {
        throw new IllegalArgumentException(
            "page is not a link of this inbox; open the inbox from its first page");
      }
    }
    return new InboxPaging(size == null ? DEFAULT_SIZE : size, token);
  }

  /** The {@code page} parameter of the link to the page after one that ended at {@code next}. */
  public static String link(ByteString next) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray());
  }

  public boolean firstPage() {
    return token.isEmpty();
  }
}
