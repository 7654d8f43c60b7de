package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.rotation.Cancellation;

/** The JSON body of a cancellation: why. Who cancels is the principal. */
@JsonIgnoreProperties({"actor"})
public record CancelBody(String reason) {
  Cancellation toCancellation(Actor actor) {
    return new Cancellation(actor, reason);
  }
}
