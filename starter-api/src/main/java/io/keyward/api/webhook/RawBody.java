package io.keyward.api.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a webhook body as the exact bytes that were signed, up to a limit: a body over it is
 * refused after at most {@code limit + 1} bytes, whatever its Content-Length claims, so a huge or
 * endless body cannot exhaust memory.
 */
public final class RawBody {
  private RawBody() {}

  /**
   * @throws BodyTooLargeException when the body has more than {@code limit} bytes
   */
  public static byte[] read(InputStream in, int limit) {
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    try {
      int total = 0;
      int read;
      while ((read = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total))) > 0) {
        total += read;
        if (total > limit) {
          throw new BodyTooLargeException(limit);
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the request body could not be read", e);
    }
    return out.toByteArray();
  }
}
