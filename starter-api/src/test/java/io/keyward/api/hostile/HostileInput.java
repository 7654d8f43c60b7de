package io.keyward.api.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What arrives at an edge by mistake or on purpose: boundary texts (empty, blank, huge, control
 * characters, unpaired surrogates, right-to-left overrides, markup, path traversal, very long ids),
 * numbers at and beyond every limit, JSON of the wrong type or nested beyond any parser's depth,
 * and byte sequences that are not UTF-8. Generators only; what a request does with them is up to
 * each edge's test.
 */
public final class HostileInput {
  private HostileInput() {}

  /** Texts that are known to break parsers, validators, templates and logs. */
  static final List<String> BOUNDARY_TEXTS =
      List.of(
          "",
          " ",
          "\t",
          "\r\n",
          "null",
          "undefined",
          "true",
          "[]",
          "{}",
          "NaN",
          "-",
          "..",
          ".",
          "/",
          "//",
          "\\",
          "../../../../etc/passwd",
          "..%2f..%2f",
          "%00",
          "%",
          "%zz",
          "a\u0000b",
          "\u0000",
          "\u0007\u0008\u001b[31m",
          "\u007f",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "{{7*7}}",
          "{{{triple}}}",
          "${jndi:ldap://127.0.0.1/a}",
          "' OR '1'='1",
          "\r\nSet-Cookie: keyward_session=forged",
          "é",
          "\u00e9\u0301",
          "\u202eevil",
          "\ufeff",
          "\ufffd",
          "\uffff",
          "\ud800",
          "\udc00",
          "a\ud800b",
          "\ud83d\ude00",
          "\u0661\u0662\u0663",
          "new",
          "NEW",
          "keygen/kv-fuzz/gen",
          "breakglass/",
          "compromise/a/b",
          "sha256=",
          "v0=",
          "Basic",
          "x".repeat(65),
          "x".repeat(128),
          "a".repeat(2001),
          "9".repeat(40),
          "\ud83d\ude00".repeat(70));

  /** JSON literals at and beyond the limits of every number type, and things that only look so. */
  static final List<String> NUMBER_LITERALS =
      List.of(
          "0",
          "-0",
          "1",
          "-1",
          "1.5",
          "-1.0e0",
          "2147483647",
          "2147483648",
          "-2147483648",
          "-2147483649",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775808",
          "-9223372036854775809",
          "18446744073709551616",
          "1e308",
          "1e309",
          "-1e309",
          "4.9e-324",
          "1e-400",
          "1" + "0".repeat(1200),
          "0.".concat("0".repeat(1200)).concat("1"));

  /** Byte sequences that no UTF-8 decoder accepts. */
  static final List<byte[]> INVALID_UTF8 =
      List.of(
          bytes(0xC3, 0x28),
          bytes(0xFF),
          bytes(0xFE, 0xFF),
          bytes(0x80),
          bytes(0xC0, 0xAF),
          bytes(0xE0, 0x80, 0xAF),
          bytes(0xED, 0xA0, 0x80),
          bytes(0xF0, 0x9F, 0x98),
          bytes(0xF4, 0x90, 0x80, 0x80),
          bytes(0xF8, 0x88, 0x80, 0x80, 0x80));

  /** Hostile texts: mostly from the boundary list, the rest any characters, huge or repeated. */
  public static Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of(BOUNDARY_TEXTS)),
        net.jqwik.api.Tuple.of(4, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)),
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.strings()
                .withCharRange('\u0000', '\u001f')
                .withChars("\u007f\u0085\u2028\u2029")
                .ofMinLength(1)
                .ofMaxLength(8)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(NUMBER_LITERALS)),
        net.jqwik.api.Tuple.of(1, huge()));
  }

  /** Very long texts: over every field limit, up to a few hundred kilobytes. */
  public static Arbitrary<String> huge() {
    return Arbitraries.of(2_001, 10_000, 70_000, 300_000)
        .flatMap(
            n -> Arbitraries.of("a", "é", "\ud83d\ude00", "<").map(c -> c.repeat(n / c.length())));
  }

  /** A JSON number literal at or beyond a limit. */
  public static Arbitrary<String> numberLiterals() {
    return Arbitraries.of(NUMBER_LITERALS);
  }

  /** A sequence of bytes that is not UTF-8. */
  public static Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.of(INVALID_UTF8);
  }

  /** The bytes of a text with a sequence that is not UTF-8 somewhere inside. */
  public static Arbitrary<byte[]> withInvalidUtf8(String text) {
    return net.jqwik.api.Combinators.combine(
            invalidUtf8(), Arbitraries.integers().between(0, text.length()))
        .as((bad, at) -> splice(text.getBytes(StandardCharsets.UTF_8), bad, at));
  }

  /** {@code bad} inserted into {@code bytes} at {@code at} (clamped to the length). */
  public static byte[] splice(byte[] bytes, byte[] bad, int at) {
    int position = Math.min(at, bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, position);
    out.write(bad, 0, bad.length);
    out.write(bytes, position, bytes.length - position);
    return out.toByteArray();
  }

  /** Path segments and ids: boundary texts, very long ids and percent-encoded trouble. */
  public static Arbitrary<String> rawPathSegments() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            5, texts().filter(t -> t.length() < 5_000).map(HostileInput::percentEncode)),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "%2e%2e",
                "%2F",
                "..%2F..",
                "%00",
                "%C3%28",
                "%ED%A0%80",
                "%FF",
                "%zz",
                "%",
                "%%",
                ";jsessionid=x",
                "a;b=c",
                "%3Cscript%3E",
                "%0d%0aX-Injected:%201",
                "..",
                ".",
                "new",
                "INC0000000",
                "a".repeat(300),
                "x".repeat(5000))),
        net.jqwik.api.Tuple.of(
            1, invalidUtf8().map(b -> RawHttp.latin1(b)))); // raw bytes: not even percent-encoded
  }

  /** Percent-encodes every byte outside unreserved ASCII, as a client writing a path would. */
  public static String percentEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return encoded.toString();
  }

  /** A query string to append to any path: none, junk, repeated, huge or badly encoded. */
  public static Arbitrary<String> queries() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(
            3,
            net.jqwik.api.Combinators.combine(
                    Arbitraries.of("vault", "name", "next", "decision", "q", "", "a[b]"),
                    texts().filter(t -> t.length() < 5_000))
                .as((k, v) -> "?" + percentEncode(k) + "=" + percentEncode(v))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.of(
                "?",
                "?&&&",
                "?=",
                "?%",
                "?a=%zz",
                "?a=%C3%28",
                "?a=1&a=2&a=3",
                "?" + "a=1&".repeat(2000),
                "?next=//evil.example/",
                "?next=https://evil.example/ui/")));
  }

  /** Raw bytes helper: each int is one byte. */
  public static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
