package io.keyward.api.slack;

import io.keyward.api.extension.KeywardServices;
import io.keyward.api.webhook.RawBody;
import io.keyward.api.webhook.TimestampWindow;
import io.keyward.workflows.integration.RequestLinks;
import io.keyward.workflows.integration.Secret;
import java.io.InputStream;
import java.time.Clock;

/**
 * Slack's interactions endpoint in its order of checks: read at most {@value #MAX_BODY_BYTES}
 * bytes, verify Slack's signature over them, and only then read the click, decide and answer.
 */
public final class SlackInteractions {
  /** Slack's interaction payloads are a few kilobytes; a message's blocks stay well under this. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final SlackSignature signature;
  private final SlackDecisions decisions;
  private final SlackResponder responder;

  SlackInteractions(SlackSignature signature, SlackDecisions decisions, SlackResponder responder) {
    this.signature = signature;
    this.decisions = decisions;
    this.responder = responder;
  }

  /**
   * @throws IllegalArgumentException when {@code slack.users} names an unknown directory user
   */
  public static SlackInteractions build(
      SlackFactory config, Secret signingSecret, KeywardServices services, Clock clock) {
    return new SlackInteractions(
        new SlackSignature(signingSecret, new TimestampWindow(config.timestampWindow(), clock)),
        new SlackDecisions(
            config.getUsers(),
            services.directory(),
            services.generations(),
            services.rotations(),
            services.breakGlass(),
            services.lifecycles(),
            services.compromises(),
            services.refusals(),
            new RequestLinks(config.uiBaseUrl())),
        new SlackResponder(SlackResponder.client(), config.getResponseUrlPrefix()));
  }

  public void receive(String timestamp, String signed, InputStream body) {
    byte[] raw = RawBody.read(body, MAX_BODY_BYTES);
    signature.verify(timestamp, signed, raw);
    SlackInteraction click = SlackInteraction.parse(raw);
    decisions.handle(click).ifPresent(reply -> responder.answer(click.responseUrl(), reply));
  }
}
