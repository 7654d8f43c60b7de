package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Checks a process's output written with {@code KEYWARD_LOG_FORMAT=json}, as a log pipeline reads
 * it.
 */
final class JsonLogLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogLines() {}

  /**
   * Every non-empty line of {@code output} is one JSON object with each of {@code fields}, and none
   * holds any of {@code secrets}; there is at least one line.
   */
  static void assertJsonLines(String output, List<String> fields, List<String> secrets) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
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
    }
  }
}
