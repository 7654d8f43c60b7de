package io.keyward.api.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A click on a button of a Keyward message, as Slack posts it: a form with one field, {@code
 * payload}, holding JSON. Only what Keyward uses is kept: the kind of interaction, who clicked,
 * which button with which value, and where to answer.
 */
record SlackInteraction(
    String type, String userId, String actionId, String value, String responseUrl) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when the body is not a form with a JSON payload
   */
  static SlackInteraction parse(byte[] body) {
    String form = new String(body, StandardCharsets.UTF_8);
    String payload = null;
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals("payload")) {
        payload = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    if (payload == null) {
      throw new IllegalArgumentException("the form has no payload field");
    }
    JsonNode json;
    try {
      json = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("the payload is not JSON");
    }
    JsonNode action = json.path("actions").path(0);
    return new SlackInteraction(
        json.path("type").asText(null),
        json.path("user").path("id").asText(null),
        action.path("action_id").asText(null),
        action.path("value").asText(null),
        json.path("response_url").asText(null));
  }
}
