package io.keyward.api.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.workflows.integration.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clicks on Slack buttons as Slack delivers them: the {@code block_actions} form a click posts to
 * {@code /webhooks/slack/interactions}, signed with the signing secret the running application was
 * configured with, with a response URL under {@code responseBase} (a local stand-in for Slack).
 */
public final class SlackClicks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningKeyward keyward;
  private final Secret signingSecret;
  private final String responseBase;

  public SlackClicks(RunningKeyward keyward, Secret signingSecret, String responseBase) {
    this.keyward = keyward;
    this.signingSecret = signingSecret;
    this.responseBase = responseBase;
  }

  /** {@code slackUser} clicks the button {@code actionId} carrying {@code value}, signed now. */
  public Reply click(String slackUser, String actionId, String value, String responsePath) {
    byte[] body = form(slackUser, actionId, value, responsePath);
    String now = Long.toString(Instant.now().getEpochSecond());
    return send(body, now, SlackSignature.sign(signingSecret, now, body));
  }

  /** The form Slack posts when {@code slackUser} clicks the button. */
  public byte[] form(String slackUser, String actionId, String value, String responsePath) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("type", "block_actions");
    payload.put("user", Map.of("id", slackUser, "username", slackUser.toLowerCase()));
    payload.put("team", Map.of("id", "T0KEYWARD"));
    payload.put(
        "actions",
        List.of(Map.of("action_id", actionId, "block_id", "b1", "value", value, "type", "button")));
    payload.put("response_url", responseBase + responsePath);
    try {
      return ("payload="
              + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Posts {@code body} with the timestamp and signature given, right or wrong. */
  public Reply send(byte[] body, String timestamp, String signature) {
    return keyward.deliver(
        "/webhooks/slack/interactions",
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            SlackSignature.TIMESTAMP_HEADER,
            timestamp,
            SlackSignature.SIGNATURE_HEADER,
            signature),
        body);
  }
}
