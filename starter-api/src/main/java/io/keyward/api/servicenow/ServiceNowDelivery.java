package io.keyward.api.servicenow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.workflows.servicenow.RecordType;

/**
 * The JSON a ServiceNow Business Rule posts to {@code /webhooks/servicenow}: which record (table,
 * sys_id, number), what kind it is ({@code record_type}), the ServiceNow user name of the person
 * behind it ({@code requested_by} for requests, {@code opened_by} for incidents), and the fields of
 * the ceremony in {@code request}. See docs/servicenow.md for a sample of each kind.
 */
public record ServiceNowDelivery(
    @JsonProperty("sys_id") String sysId,
    @JsonProperty("table") String table,
    @JsonProperty("number") String number,
    @JsonProperty("record_type") String recordType,
    @JsonProperty("requested_by") String requestedBy,
    @JsonProperty("opened_by") String openedBy,
    @JsonProperty("request") JsonNode request) {

  /** The user name in the field the record type names the person by. */
  String personFor(RecordType type) {
    return type.personField().equals("opened_by") ? openedBy : requestedBy;
  }
}
