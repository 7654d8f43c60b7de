package io.keyward.activities.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON-lines file through an already open channel, with positional reads only, so the
 * caller's file lock and the channel position stay untouched. Tells complete lines (ending in a
 * newline) from a torn last line that a crash left without one.
 */
final class JsonLines {
  private static final int CHUNK = 64 * 1024;

  /** One line of the file; {@code text} is null when the bytes are not valid UTF-8. */
  record Line(long number, String text, boolean terminated, long endOffset) {}

  @FunctionalInterface
  interface LineVisitor {
    /** Returns false to stop reading. */
    boolean visit(Line line);
  }

  private JsonLines() {}

  /**
   * Visits the lines that start at {@code from}, numbering them from {@code firstLineNumber}. The
   * last line is visited unterminated when the file does not end with a newline.
   */
  static void read(FileChannel channel, long from, long firstLineNumber, LineVisitor visitor)
      throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    ByteArrayOutputStream current = new ByteArrayOutputStream(512);
    long position = from;
    long lineNumber = firstLineNumber;
    while (true) {
      chunk.clear();
      int read = channel.read(chunk, position);
      if (read < 0) {
        break;
      }
      chunk.flip();
      while (chunk.hasRemaining()) {
        byte b = chunk.get();
        position++;
        if (b == '\n') {
          if (!visitor.visit(new Line(lineNumber++, decode(current), true, position))) {
            return;
          }
          current.reset();
        } else {
          current.write(b);
        }
      }
    }
    if (current.size() > 0) {
      visitor.visit(new Line(lineNumber, decode(current), false, position));
    }
  }

  private static String decode(ByteArrayOutputStream bytes) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
