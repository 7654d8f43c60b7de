package io.keyward.activities.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Edits an audit file the way an intruder or a crash would, with the store closed. */
final class AuditFiles {
  private AuditFiles() {}

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
  }

  /** Rewrites the line of record {@code sequence} (1-based). */
  static void editRecord(Path file, int sequence, UnaryOperator<String> edit) throws IOException {
    List<String> lines = new ArrayList<>(lines(file));
    lines.set(sequence - 1, edit.apply(lines.get(sequence - 1)));
    writeLines(file, lines);
  }

  static void deleteRecord(Path file, int sequence) throws IOException {
    List<String> lines = new ArrayList<>(lines(file));
    lines.remove(sequence - 1);
    writeLines(file, lines);
  }

  static void swapRecords(Path file, int first, int second) throws IOException {
    List<String> lines = new ArrayList<>(lines(file));
    String kept = lines.get(first - 1);
    lines.set(first - 1, lines.get(second - 1));
    lines.set(second - 1, kept);
    writeLines(file, lines);
  }

  /** Appends the first {@code length} characters of a line and no newline, as a crash would. */
  static void appendTorn(Path file, String line, int length) throws IOException {
    Files.writeString(
        file,
        line.substring(0, length),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
