package io.keyward.api.hostile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile JSON bodies made from a valid one: a field set to a value of the wrong type or beyond a
 * limit, removed, repeated (duplicate keys), joined by unknown fields, broken by bytes that are not
 * UTF-8, cut short; or a whole body that is no object at all (empty, a scalar, nested deeper than
 * any parser goes, with a byte-order mark, in UTF-16, with comments, huge). Strings are written
 * with {@code \\u} escapes, so unpaired surrogates reach the server as JSON allows them.
 */
public final class HostileJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HostileJson() {}

  /** A body as sent, and what was done to it, for the report of a failing try. */
  public record Body(String description, byte[] bytes) {
    @Override
    public String toString() {
      return description
          + " => "
          + RawHttp.cut(new String(bytes, StandardCharsets.UTF_8), 300)
          + " ("
          + bytes.length
          + " bytes)";
    }
  }

  private static final Map<String, Arbitrary<Body>> LIKE = new ConcurrentHashMap<>();
  private static final Arbitrary<JsonNode> VALUES = makeValues();

  /**
   * Hostile variants of {@code validJson}, an object; rarely the valid body itself. Made once per
   * template: the huge bodies among them take a while to build.
   */
  public static Arbitrary<Body> like(String validJson) {
    return LIKE.computeIfAbsent(validJson, HostileJson::makeLike);
  }

  private static Arbitrary<Body> makeLike(String validJson) {
    ObjectNode template = parse(validJson);
    List<String> paths = fieldPaths(template, "");
    Arbitrary<String> path = Arbitraries.of(paths);
    return Arbitraries.frequencyOf(
        Tuple.of(
            10,
            Combinators.combine(path, values())
                .as((p, v) -> body("set " + p + " to " + brief(v), replaced(template, p, v)))),
        Tuple.of(3, path.map(p -> body("remove " + p, removed(template, p)))),
        Tuple.of(
            2,
            Combinators.combine(path, HostileInput.texts().filter(t -> t.length() < 300), values())
                .as(
                    (p, name, v) ->
                        body(
                            "unknown field " + brief(NODES.textNode(name)) + " beside " + p,
                            withUnknown(template, p, name, v)))),
        Tuple.of(
            2,
            Combinators.combine(path, values())
                .as(
                    (p, v) ->
                        new Body(
                            "duplicate " + p + " with " + brief(v), duplicated(template, p, v)))),
        Tuple.of(
            2,
            Combinators.combine(path, HostileInput.invalidUtf8())
                .as(
                    (p, bad) ->
                        new Body(
                            "bytes that are not UTF-8 in " + p, invalidUtf8In(template, p, bad)))),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(0, write(template).length())
                .map(
                    n ->
                        new Body(
                            "cut after " + n + " characters",
                            write(template).substring(0, n).getBytes(StandardCharsets.UTF_8)))),
        Tuple.of(3, wholeBodies(template)),
        Tuple.of(1, Arbitraries.just(new Body("the valid body", utf8(write(template))))));
  }

  /** Values of every JSON type, at limits, nested or huge. */
  public static Arbitrary<JsonNode> values() {
    return VALUES;
  }

  private static Arbitrary<JsonNode> makeValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, HostileInput.texts().map(NODES::textNode)),
        Tuple.of(3, HostileInput.numberLiterals().map(HostileJson::raw)),
        Tuple.of(
            2,
            Arbitraries.<JsonNode>of(
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.booleanNode(false),
                NODES.arrayNode(),
                NODES.objectNode())),
        Tuple.of(
            1,
            HostileInput.texts()
                .filter(t -> t.length() < 1000)
                .list()
                .ofMaxSize(5)
                .map(
                    texts -> {
                      ArrayNode array = NODES.arrayNode();
                      texts.forEach(array::add);
                      return array;
                    })),
        Tuple.of(
            1, Arbitraries.of(3, 600, 1_500, 5_000).map(depth -> raw(nested("[", "]", depth)))),
        Tuple.of(
            1,
            Arbitraries.just(
                raw(
                    "{\"a\":1,\"a\":2,\""
                        + "k".repeat(70_000)
                        + "\":["
                        + "1,".repeat(50_000)
                        + "1]}"))));
  }

  /** Bodies that are not the expected object at all. */
  static Arbitrary<Body> wholeBodies(ObjectNode template) {
    String valid = write(template);
    return Arbitraries.of(
        body("empty", ""),
        body("null", "null"),
        body("a string", "\"text\""),
        body("a number", "1e309"),
        body("an array of the body", "[" + valid + "]"),
        body("an empty object", "{}"),
        body("nested 2000 deep", nested("[", "]", 2_000)),
        body("objects nested 1500 deep", nested("{\"a\":", "}", 1_500).replace("{\"a\":}", "{}")),
        body("with comments", "/* c */" + valid),
        body("single quotes", valid.replace('"', '\'')),
        body("trailing comma", valid.substring(0, valid.length() - 1) + ",}"),
        body("NaN", "{\"x\":NaN}"),
        body("two bodies", valid + valid),
        body("whitespace only", " \n\t "),
        body("a million element array", "[" + "0,".repeat(1_000_000) + "0]"),
        new Body(
            "with a byte-order mark",
            HostileInput.splice(utf8(valid), HostileInput.bytes(0xEF, 0xBB, 0xBF), 0)),
        new Body("as UTF-16", valid.getBytes(StandardCharsets.UTF_16)),
        new Body("as UTF-32", valid.getBytes(java.nio.charset.Charset.forName("UTF-32"))),
        new Body("only bytes that are not UTF-8", HostileInput.bytes(0xFF, 0xFE, 0xC3, 0x28)));
  }

  /** Writes JSON with {@code \\u} escapes for everything outside printable ASCII. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
      out.append(raw.rawValue());
    } else if (node.isObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        string(field.getKey(), out);
        out.append(':');
        write(field.getValue(), out);
        if (fields.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else {
      out.append(node.toString());
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static JsonNode raw(String literal) {
    return NODES.pojoNode(new RawValue(literal));
  }

  private static String nested(String open, String close, int depth) {
    return open.repeat(depth) + close.repeat(depth);
  }

  private static Body body(String description, String json) {
    return new Body(description, utf8(json));
  }

  private static Body body(String description, ObjectNode json) {
    return body(description, write(json));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String brief(JsonNode value) {
    return RawHttp.cut(write(value), 80);
  }

  private static ObjectNode replaced(ObjectNode template, String path, JsonNode value) {
    ObjectNode copy = template.deepCopy();
    JsonPointer pointer = JsonPointer.compile(path);
    ((ObjectNode) copy.at(pointer.head())).set(pointer.last().getMatchingProperty(), value);
    return copy;
  }

  private static ObjectNode removed(ObjectNode template, String path) {
    ObjectNode copy = template.deepCopy();
    JsonPointer pointer = JsonPointer.compile(path);
    ((ObjectNode) copy.at(pointer.head())).remove(pointer.last().getMatchingProperty());
    return copy;
  }

  private static ObjectNode withUnknown(
      ObjectNode template, String path, String name, JsonNode value) {
    ObjectNode copy = template.deepCopy();
    JsonPointer pointer = JsonPointer.compile(path);
    ((ObjectNode) copy.at(pointer.head())).set(name, value);
    return copy;
  }

  /** The field written twice: first the hostile value, then the valid one (or the reverse). */
  private static byte[] duplicated(ObjectNode template, String path, JsonNode value) {
    JsonPointer pointer = JsonPointer.compile(path);
    String name = pointer.last().getMatchingProperty();
    StringBuilder key = new StringBuilder();
    string(name, key);
    String valid = write(template);
    int at = valid.indexOf(key + ":");
    String extra = key + ":" + write(value) + ",";
    return utf8(valid.substring(0, at) + extra + valid.substring(at));
  }

  /** Bad bytes put inside the string value of the field (or before its value). */
  private static byte[] invalidUtf8In(ObjectNode template, String path, byte[] bad) {
    JsonNode current = template.at(path);
    ObjectNode copy = replaced(template, path, NODES.textNode("@@HERE@@"));
    String text = write(copy);
    int at = text.indexOf("@@HERE@@");
    byte[] head = utf8(text.substring(0, at) + (current.isTextual() ? "x" : ""));
    byte[] tail = utf8(text.substring(at + "@@HERE@@".length()));
    byte[] out = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bad, 0, out, head.length, bad.length);
    System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
    return out;
  }

  private static List<String> fieldPaths(JsonNode node, String prefix) {
    List<String> paths = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String path = prefix + "/" + name.replace("~", "~0").replace("/", "~1");
              paths.add(path);
              if (node.get(name).isObject()) {
                paths.addAll(fieldPaths(node.get(name), path));
              }
            });
    return paths;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
