package io.keyward.api.slack;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST /webhooks/slack/interactions}: Slack's request URL for interactivity. Not behind HTTP
 * Basic: Slack's signature authenticates the call, and the person is the directory user mapped to
 * the Slack user id. Answers 200 to every verified click (Slack expects it within 3 seconds; the
 * outcome reaches the person through the response URL) and 401 to anything unsigned or stale.
 */
@Path("/webhooks/slack/interactions")
public final class SlackInteractionsResource {
  private final SlackInteractions interactions;

  public SlackInteractionsResource(SlackInteractions interactions) {
    this.interactions = interactions;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response click(
      @HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp,
      @HeaderParam(SlackSignature.SIGNATURE_HEADER) String signature,
      InputStream body) {
    interactions.receive(timestamp, signature, body);
    return Response.ok().build();
  }
}
