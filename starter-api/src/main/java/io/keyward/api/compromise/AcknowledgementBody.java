package io.keyward.api.compromise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.Acknowledgement;

/** Takes the incident (runbook 17.2); the responder is the authenticated person. */
@JsonIgnoreProperties({"actor"})
public record AcknowledgementBody(String note) {
  Acknowledgement toAcknowledgement(Actor actor) {
    return new Acknowledgement(actor, FreeText.optional("note", note, Acknowledgement.MAX_NOTE));
  }
}
