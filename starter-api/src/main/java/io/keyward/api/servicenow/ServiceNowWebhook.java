package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.webhook.RawBody;
import io.keyward.api.webhook.TimestampWindow;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.integration.Secret;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * The ServiceNow webhook's steps in their order: read at most the body limit, verify the signature
 * over the raw bytes, then hand the delivery to the {@link TicketIntake}. Nothing is parsed before
 * the signature is good.
 */
public final class ServiceNowWebhook {
  private final int maxBodyBytes;
  private final ServiceNowSignature signature;
  private final TicketIntake intake;

  ServiceNowWebhook(int maxBodyBytes, ServiceNowSignature signature, TicketIntake intake) {
    this.maxBodyBytes = maxBodyBytes;
    this.signature = signature;
    this.intake = intake;
  }

  /**
   * Builds the webhook from its configuration and the services the API uses for each record type.
   *
   * @throws IllegalArgumentException when {@code servicenow.users} names an unknown directory user
   */
  public static ServiceNowWebhook build(
      ServiceNowFactory config,
      Secret secret,
      ObjectMapper json,
      WorkflowClient client,
      String taskQueue,
      Directory directory,
      Services services,
      Clock clock) {
    TicketClaims claims = new TicketClaims(client);
    TicketIntake intake =
        new TicketIntake(
            json,
            new ServiceNowPeople(config.getUsers(), directory),
            new TicketLinks(client, taskQueue),
            List.of(
                new GenerationTickets(services.generations(), claims, json),
                new RotationTickets(services.rotations(), claims, json),
                new CompromiseTickets(services.compromises(), json),
                new BreakGlassTickets(services.breakGlass(), json)));
    return new ServiceNowWebhook(
        config.getMaxBodyBytes(),
        new ServiceNowSignature(secret, new TimestampWindow(config.timestampWindow(), clock)),
        intake);
  }

  /** The services that start each record type's workflow, the same ones the REST API uses. */
  public record Services(
      GenerationCeremonies generations,
      ManualRotations rotations,
      CompromiseResponses compromises,
      BreakGlassSessions breakGlass) {}

  public AcceptedDelivery receive(String timestamp, String signed, InputStream body)
      throws JsonProcessingException {
    byte[] raw = RawBody.read(body, maxBodyBytes);
    signature.verify(timestamp, signed, raw);
    return intake.accept(raw);
  }
}
