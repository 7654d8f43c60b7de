package io.keyward.api.servicenow;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /webhooks/servicenow}: ServiceNow starts a ceremony for a record. Not behind HTTP
 * Basic: the signature authenticates the caller. Answers 202 at once with the ceremony's workflow
 * id; 401 for a bad signature or stale timestamp, 413 for a body over the limit, 400 for a body
 * that is not a delivery, 422 for an unknown requester or a spec that breaks policy, 409 when the
 * key has a ceremony for another ticket. Nothing starts unless the answer is 202.
 */
@Path("/webhooks/servicenow")
@Produces(MediaType.APPLICATION_JSON)
public final class ServiceNowWebhookResource {
  private final ServiceNowWebhook webhook;

  public ServiceNowWebhookResource(ServiceNowWebhook webhook) {
    this.webhook = webhook;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response deliver(
      @HeaderParam(ServiceNowSignature.TIMESTAMP_HEADER) String timestamp,
      @HeaderParam(ServiceNowSignature.SIGNATURE_HEADER) String signature,
      InputStream body)
      throws IOException {
    return Response.accepted(webhook.receive(timestamp, signature, body)).build();
  }
}
