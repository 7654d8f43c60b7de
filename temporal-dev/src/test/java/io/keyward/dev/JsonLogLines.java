package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a process's output written with {@code KEYWARD_LOG_FORMAT=json}, as a log pipeline reads
 * it.
 */
final class JsonLogLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogLines() {}

  private static boolean isJson(String line) {
    try {
      JSON.readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Every non-empty line of {@code output} is one JSON object with each of {@code fields}, and none
   * holds any of {@code secrets}; there is at least one line.
   */
  static List<JsonNode> assertJsonLines(String output, List<String> fields, List<String> secrets) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines).as("lines that are not JSON").allMatch(JsonLogLines::isJson);
    List<JsonNode> entries = new ArrayList<>();
    for (String line : lines) {
      JsonNode entry;
      try {
        entry = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      assertThat(entry.isObject()).as(line).isTrue();
      for (String field : fields) {
        assertThat(entry.hasNonNull(field)).as(field + " in " + line).isTrue();
      }
      assertThat(line).doesNotContain(secrets);
      entries.add(entry);
    }
    return entries;
  }

  /** Whether {@code entry} has every one of {@code fields}. */
  static boolean hasAll(JsonNode entry, String... fields) {
    for (String field : fields) {
      if (!entry.hasNonNull(field)) {
        return false;
      }
    }
    return true;
  }
}
