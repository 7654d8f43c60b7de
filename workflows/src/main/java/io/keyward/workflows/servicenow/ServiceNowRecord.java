package io.keyward.workflows.servicenow;

import java.util.regex.Pattern;

/**
 * One ServiceNow record: its table, its sys_id (32 hexadecimal characters, unique across the
 * instance) and the number people see (e.g. {@code CHG0012345}). Validates itself, so each part is
 * safe in a workflow id, a URL path and a log line.
 */
public record ServiceNowRecord(String table, String sysId, String number) {
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,79}");
  private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public ServiceNowRecord {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table must be a ServiceNow table name (lower-case letters, digits, underscores), e.g."
              + " change_request");
    }
    if (sysId == null || !SYS_ID.matcher(sysId).matches()) {
      throw new IllegalArgumentException(
          "sys_id must be the record's 32 lower-case hexadecimal characters");
    }
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException(
          "number must be 1-64 letters, digits, dots, dashes or underscores, e.g. CHG0012345");
    }
  }

  /** {@code snow/<sys_id>}: the one workflow that records what this record started. */
  public String workflowId() {
    return "snow/" + sysId;
  }
}
