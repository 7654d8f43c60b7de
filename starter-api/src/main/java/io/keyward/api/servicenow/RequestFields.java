package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a delivery's {@code request} object, naming a bad field as {@code request.<field>}. */
final class RequestFields {
  private RequestFields() {}

  static <T> T read(ObjectMapper json, JsonNode request, Class<T> type)
      throws JsonProcessingException {
    try {
      return json.treeToValue(request, type);
    } catch (JsonMappingException wrong) {
      wrong.prependPath(request, "request");
      throw wrong;
    }
  }
}
