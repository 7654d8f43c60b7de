package io.keyward.api.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP/1.1 on a plain socket, byte for byte, for requests that {@link java.net.http.HttpClient}
 * refuses to send: control characters and invalid UTF-8 in the request line and headers, repeated
 * headers, any method. Each request opens its own connection and asks the server to close it.
 *
 * <p>Every {@code String} handed in is sent as ISO-8859-1, one byte per character, so a test writes
 * exactly the bytes it means ({@link #latin1(byte[])} turns bytes into such a string).
 */
public final class RawHttp {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** A request as it goes on the wire; {@code Content-Length} is added from the body. */
  public record Request(
      String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
      headers = List.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    /** The value of the first header of that name (any case), or null. */
    public String header(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }

    /** A short description for a failure report; bodies are cut. */
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + cut(target, 300)
          + " "
          + headers.stream().map(h -> h.getKey() + ": " + cut(h.getValue(), 120)).toList()
          + " body("
          + body.length
          + " bytes)="
          + cut(text, 400);
    }
  }

  /** What came back: status, headers (names in lower case) and the body as UTF-8 text. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public String toString() {
      return status + " " + cut(body, 600);
    }
  }

  /** Builds a request: method, target (path and query, as sent), then headers and a body. */
  public static Builder request(String method, String target) {
    return new Builder(method, target);
  }

  /** Fluent builder of a {@link Request}. */
  public static final class Builder {
    private final String method;
    private final String target;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    private Builder(String method, String target) {
      this.method = method;
      this.target = target;
    }

    public Builder header(String name, String value) {
      if (value != null) {
        headers.add(Map.entry(name, value));
      }
      return this;
    }

    public Builder headers(List<Map.Entry<String, String>> more) {
      more.forEach(h -> header(h.getKey(), h.getValue()));
      return this;
    }

    public Builder body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    public Builder body(String utf8) {
      return body(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public Request build() {
      return new Request(method, target, headers, body);
    }
  }

  /**
   * Sends the request and reads the whole answer. A server that answers before it read the body (a
   * body over its limit) may close the connection while the body is still being written; the answer
   * it sent is read all the same.
   */
  public Answer send(Request request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head(request));
        out.write(request.body());
        out.flush();
      } catch (IOException closedEarly) {
        // the server answered without reading everything; its answer is still to be read
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + request, e);
    }
  }

  /** The characters of a string made of these bytes, one character per byte. */
  public static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The UTF-8 bytes of {@code text} as a string of one character per byte, for headers. */
  public static String utf8OnTheWire(String text) {
    return latin1(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] head(Request request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    for (Map.Entry<String, String> header : request.headers()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(request.body().length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        all.write(buffer, 0, read);
      }
    } catch (IOException reset) {
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      throw new IllegalStateException("not an HTTP answer: " + cut(latin1(raw), 200));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
    if (encoding.stream().anyMatch(e -> e.equalsIgnoreCase("chunked"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
      if (lineEnd < 0) {
        break;
      }
      String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      body.write(chunked, start, Math.min(size, chunked.length - start));
      at = start + size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String cut(String text, int max) {
    if (text == null) {
      return "null";
    }
    String visible =
        text.length() > max ? text.substring(0, max) + "…(" + text.length() + ")" : text;
    StringBuilder escaped = new StringBuilder();
    visible
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                escaped.append(String.format("\\x%02x", c));
              } else {
                escaped.appendCodePoint(c);
              }
            });
    return escaped.toString();
  }
}
