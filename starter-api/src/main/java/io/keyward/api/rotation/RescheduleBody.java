package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.rotation.Reschedule;

/** The JSON body of a reschedule: the new date T and why. Who reschedules is the principal. */
@JsonIgnoreProperties({"actor"})
public record RescheduleBody(String rotationDate, String reason) {
  Reschedule toReschedule(Actor actor) {
    return new Reschedule(actor, RotationDates.read("rotationDate", rotationDate), reason);
  }
}
