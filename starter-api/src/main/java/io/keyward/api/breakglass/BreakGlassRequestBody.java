package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import java.time.Duration;
import java.util.List;

/**
 * The JSON body of {@code POST /api/break-glass}: the incident, the scope (a {@code vault}, or
 * {@code keys} written {@code vault/name}), why, how many minutes (1-15, 15 when absent) and the
 * directory id of the break-glass admin who gets the access. The declarer is the authenticated
 * person; a {@code declarer} or {@code actor} field a client sends is ignored.
 */
@JsonIgnoreProperties({"declarer", "actor"})
public record BreakGlassRequestBody(
    String incident,
    String vault,
    List<String> keys,
    String reason,
    Integer durationMinutes,
    String admin) {

  IncidentId incidentId() {
    if (incident == null || incident.isBlank()) {
      throw new IllegalArgumentException(
          "incident is required: the id of the incident in the incident management system");
    }
    return new IncidentId(incident.strip());
  }

  String adminId() {
    if (admin == null || admin.isBlank()) {
      throw new IllegalArgumentException(
          "admin is required: the directory id of the break-glass admin who gets the access");
    }
    return admin.strip();
  }

  /** Validates the body and builds the workflow input; throws for anything missing or wrong. */
  BreakGlassDeclaration toDeclaration(Actor declarer, Actor breakGlassAdmin) {
    IncidentId id = incidentId();
    BreakGlassScope scope =
        new BreakGlassScope(
            vault, keys == null ? List.of() : keys.stream().map(KeyRef::parse).toList());
    Duration duration = durationMinutes == null ? null : Duration.ofMinutes(durationMinutes);
    return new BreakGlassDeclaration(
        id, scope, reason == null ? null : reason.strip(), duration, breakGlassAdmin, declarer);
  }
}
