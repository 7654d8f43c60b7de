package io.keyward.api.compromise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.Acknowledgement;

/** Takes the incident (runbook 17.2); the responder is the authenticated person. */
@JsonIgnoreProperties({"actor"})
public record AcknowledgementBody(String note) {
  static Acknowledgement toAcknowledgement(AcknowledgementBody body, Actor actor) {
    return new Acknowledgement(actor, body == null ? null : body.note());
  }
}
