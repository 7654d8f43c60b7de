package io.keyward.workflows.servicenow;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of ServiceNow record that start a Keyward workflow, by the name the webhook carries in
 * {@code record_type}, and the field of the record that names the person behind it.
 */
public enum RecordType {
  /** A request for a new key (runbook 3.3 step 1): dual-control key generation. */
  KEY_GENERATION("key_generation", "requested_by"),
  /** A change request to rotate a key (runbook 6.3). */
  ROTATION("rotation", "requested_by"),
  /** A security incident declaring a key compromised (runbook 11). */
  COMPROMISE("compromise", "opened_by"),
  /** An incident that declares an emergency needing break-glass access (runbook 8.3). */
  BREAK_GLASS("break_glass", "opened_by");

  private final String wireName;
  private final String personField;

  RecordType(String wireName, String personField) {
    this.wireName = wireName;
    this.personField = personField;
  }

  /** The value of {@code record_type} in a delivery. */
  public String wireName() {
    return wireName;
  }

  /** The delivery field holding the ServiceNow user name of the requester or reporter. */
  public String personField() {
    return personField;
  }

  public static Optional<RecordType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** The accepted names, for messages: "key_generation, rotation, ...". */
  public static String wireNames() {
    return Arrays.stream(values()).map(RecordType::wireName).collect(Collectors.joining(", "));
  }
}
