package io.keyward.activities.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.workflows.integration.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Table API calls Keyward makes: find a task-based record by its number (the {@code task} table
 * holds every change, incident and requested item, with the concrete table in {@code
 * sys_class_name}), read who requested and opened a record, and {@code PATCH
 * /api/now/table/<table>/<sys_id>}. Authenticates with HTTP Basic as the integration user.
 */
public final class ServiceNowTableClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http;
  private final String base;
  private final String authorization;

  public ServiceNowTableClient(URI baseUrl, String user, Secret password) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password.text()).getBytes(StandardCharsets.UTF_8));
  }

  /** A record as the {@code task} table knows it. */
  public record TaskRecord(String table, String sysId) {}

  /** The record with this number, or empty when there is none. */
  public Optional<TaskRecord> findByNumber(String number) throws TicketFailure {
    String query =
        "sysparm_query="
            + URLEncoder.encode("number=" + number, StandardCharsets.UTF_8)
            + "&sysparm_fields=sys_id,sys_class_name&sysparm_limit=1";
    HttpRequest request =
        authorized(URI.create(base + "/api/now/table/task?" + query)).GET().build();
    JsonNode result = send(request, "finding " + number).path("result");
    if (!result.isArray() || result.isEmpty()) {
      return Optional.empty();
    }
    JsonNode first = result.get(0);
    return Optional.of(
        new TaskRecord(first.path("sys_class_name").asText(), first.path("sys_id").asText()));
  }

  /**
   * The user names ({@code sys_user.user_name}) of who requested ({@code requested_by}) and who
   * opened ({@code opened_by}) the record, by dot-walking the reference fields; a name is null when
   * the record's table has no such field or it is empty.
   */
  public People people(TaskRecord record) throws TicketFailure {
    HttpRequest request =
        authorized(
                URI.create(
                    base
                        + "/api/now/table/"
                        + record.table()
                        + "/"
                        + record.sysId()
                        + "?sysparm_fields=sys_id,requested_by.user_name,opened_by.user_name"))
            .GET()
            .build();
    JsonNode result = send(request, "reading " + record.table() + "/" + record.sysId());
    JsonNode fields = result.path("result");
    return new People(text(fields, "requested_by.user_name"), text(fields, "opened_by.user_name"));
  }

  /** Who stands behind a record, as ServiceNow user names; either may be null. */
  public record People(String requestedBy, String openedBy) {}

  private static String text(JsonNode fields, String name) {
    String value = fields.path(name).asText("");
    return value.isBlank() ? null : value.strip();
  }

  /** Sets the fields of one record; work_notes is a journal field, so a note is appended. */
  public void patch(TaskRecord record, Map<String, String> fields) throws TicketFailure {
    String body;
    try {
      body = JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException("ticket fields cannot be written as JSON", e);
    }
    HttpRequest request =
        authorized(
                URI.create(
                    base
                        + "/api/now/table/"
                        + record.table()
                        + "/"
                        + record.sysId()
                        + "?sysparm_fields=sys_id"))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    send(request, "updating " + record.table() + "/" + record.sysId());
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
  }

  private JsonNode send(HttpRequest request, String what) throws TicketFailure {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TicketFailure(
          "ServiceNow does not answer " + what + ": " + e.getClass().getSimpleName(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TicketFailure("interrupted while " + what, true);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parse(response.body());
    }
    String reason = what + ": HTTP " + status + errorMessage(response.body());
    boolean retryable = status == 408 || status == 429 || status >= 500;
    throw new TicketFailure("ServiceNow refused " + reason, retryable);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  /** ServiceNow's own error message ({@code error.message}), cut short; empty when none. */
  private static String errorMessage(String body) {
    String message = parse(body).path("error").path("message").asText("");
    if (message.isBlank()) {
      return "";
    }
    return " (" + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + ")";
  }
}
