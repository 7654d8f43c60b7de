package io.keyward.api.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a click through its {@code response_url}, as an ephemeral message to the person who
 * clicked, leaving the original message (and its buttons for the other approvers) as it was. Only
 * URLs under the configured prefix (Slack's hooks address) are called, so a forged payload cannot
 * make Keyward post elsewhere. A failed answer is logged: the decision is taken either way.
 */
final class SlackResponder {
  private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Slack slack;
  private final String allowedPrefix;

  SlackResponder(Slack slack, String allowedPrefix) {
    this.slack = slack;
    this.allowedPrefix = allowedPrefix;
  }

  /**
   * A Slack client for answers: it makes no metrics calls of its own and waits on Slack at most 20
   * seconds, like the worker's client for posting.
   */
  static Slack client() {
    SlackConfig config = new SlackConfig();
    config.setStatsEnabled(false);
    config.setHttpClientReadTimeoutMillis(15_000);
    config.setHttpClientCallTimeoutMillis(20_000);
    return Slack.getInstance(config);
  }

  void answer(String responseUrl, SlackReply reply) {
    if (responseUrl == null || !responseUrl.startsWith(allowedPrefix)) {
      LOG.warn("not answering a Slack click: its response URL is not under {}", allowedPrefix);
      return;
    }
    try {
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "response_type", "ephemeral", "replace_original", false, "text", reply.text()));
      WebhookResponse response = slack.send(responseUrl, body);
      if (response.getCode() == null || response.getCode() >= 300) {
        LOG.warn("Slack did not take the answer to a click: HTTP {}", response.getCode());
      }
    } catch (IOException e) {
      LOG.warn("Slack did not take the answer to a click: {}", e.getClass().getSimpleName());
    }
  }
}
