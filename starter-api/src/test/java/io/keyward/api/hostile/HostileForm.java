package io.keyward.api.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile {@code application/x-www-form-urlencoded} bodies made from a valid form: a field set to a
 * hostile text, sent with broken percent escapes or raw bytes that are not UTF-8, left out,
 * repeated, joined by unknown fields; or a whole body that is no form (empty, separators only,
 * huge). Fields named in {@code untouched} keep their value (a CSRF token that must stay valid).
 */
public final class HostileForm {
  private HostileForm() {}

  /** A form body as sent, and what was done to it. */
  public record Body(String description, byte[] bytes) {
    @Override
    public String toString() {
      return description
          + " => "
          + RawHttp.cut(new String(bytes, StandardCharsets.ISO_8859_1), 300)
          + " ("
          + bytes.length
          + " bytes)";
    }
  }

  /** Hostile variants of the form {@code fields}; rarely the valid form itself. */
  public static Arbitrary<Body> like(
      List<Map.Entry<String, String>> fields, Set<String> untouched) {
    List<String> names =
        fields.stream().map(Map.Entry::getKey).filter(n -> !untouched.contains(n)).toList();
    Arbitrary<String> name = Arbitraries.of(names);
    return Arbitraries.frequencyOf(
        Tuple.of(
            10,
            Combinators.combine(name, HostileInput.texts())
                .as(
                    (n, v) ->
                        new Body(
                            "set " + n + " to " + RawHttp.cut(v, 60),
                            encode(replace(fields, n, v))))),
        Tuple.of(
            3,
            Combinators.combine(name, rawValues())
                .as(
                    (n, raw) ->
                        new Body(
                            "raw " + n + "=" + RawHttp.cut(RawHttp.latin1(raw), 60),
                            encodeWithRaw(fields, n, raw)))),
        Tuple.of(2, name.map(n -> new Body("without " + n, encode(without(fields, n))))),
        Tuple.of(
            2,
            Combinators.combine(name, HostileInput.texts().list().ofMinSize(1).ofMaxSize(4))
                .as(
                    (n, values) -> {
                      List<Map.Entry<String, String>> repeated = new ArrayList<>(fields);
                      values.forEach(v -> repeated.add(Map.entry(n, v)));
                      return new Body("repeat " + n, encode(repeated));
                    })),
        Tuple.of(
            1,
            Combinators.combine(HostileInput.texts(), HostileInput.texts())
                .as(
                    (n, v) -> {
                      List<Map.Entry<String, String>> more = new ArrayList<>(fields);
                      more.add(Map.entry(n, v));
                      return new Body("unknown field " + RawHttp.cut(n, 40), encode(more));
                    })),
        Tuple.of(2, wholeBodies(fields)),
        Tuple.of(1, Arbitraries.just(new Body("the valid form", encode(fields)))));
  }

  /** Values that are not proper form encoding, as bytes on the wire. */
  static Arbitrary<byte[]> rawValues() {
    return Arbitraries.oneOf(
        HostileInput.invalidUtf8(),
        Arbitraries.of("%", "%z", "%zz", "%C3%28", "%ED%A0%80", "%FF%FE", "%00", "+%2B+", "a%")
            .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
        HostileInput.texts()
            .filter(t -> t.length() < 3_000)
            .map(t -> t.getBytes(StandardCharsets.UTF_8)));
  }

  static Arbitrary<Body> wholeBodies(List<Map.Entry<String, String>> fields) {
    String valid = new String(encode(fields), StandardCharsets.ISO_8859_1);
    return Arbitraries.of(
        new Body("empty", new byte[0]),
        new Body("separators only", "&&&===&".getBytes(StandardCharsets.ISO_8859_1)),
        new Body("no equals signs", "abc&def".getBytes(StandardCharsets.ISO_8859_1)),
        new Body("the form twice", (valid + "&" + valid).getBytes(StandardCharsets.ISO_8859_1)),
        new Body("JSON instead", "{\"a\":1}".getBytes(StandardCharsets.ISO_8859_1)),
        new Body(
            "a huge field",
            (valid + "&pad=" + "a".repeat(400_000)).getBytes(StandardCharsets.ISO_8859_1)),
        new Body(
            "many fields", (valid + "&x=1".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1)),
        new Body("as UTF-16", new String(valid).getBytes(StandardCharsets.UTF_16)));
  }

  /** The fields URL-encoded as a browser sends them. */
  public static byte[] encode(List<Map.Entry<String, String>> fields) {
    StringBuilder form = new StringBuilder();
    for (Map.Entry<String, String> field : fields) {
      if (form.length() > 0) {
        form.append('&');
      }
      form.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    return form.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] encodeWithRaw(
      List<Map.Entry<String, String>> fields, String name, byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields) {
      if (out.size() > 0) {
        out.write('&');
      }
      byte[] key =
          URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
              .getBytes(StandardCharsets.ISO_8859_1);
      out.write(key, 0, key.length);
      out.write('=');
      byte[] value =
          field.getKey().equals(name)
              ? raw
              : URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)
                  .getBytes(StandardCharsets.ISO_8859_1);
      out.write(value, 0, value.length);
    }
    return out.toByteArray();
  }

  private static List<Map.Entry<String, String>> replace(
      List<Map.Entry<String, String>> fields, String name, String value) {
    return fields.stream().map(f -> f.getKey().equals(name) ? Map.entry(name, value) : f).toList();
  }

  private static List<Map.Entry<String, String>> without(
      List<Map.Entry<String, String>> fields, String name) {
    return fields.stream().filter(f -> !f.getKey().equals(name)).toList();
  }
}
