package io.keyward.workflows.compromise;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.incident.EscalationMatrix;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.Severity;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Who may acknowledge a P2 compromise that sol reported (runbook 17.2), and the words of each
 * refusal: the rules class alone, no Temporal server.
 */
class CompromiseResponseTest {
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final Instant AT = Instant.parse("2027-01-04T09:00:00Z");

  private final CompromiseResponse response =
      new CompromiseResponse(
          new CompromiseReport(
              new IncidentId("INC0009002"),
              new KeyRef("kv-rules", "leaked"),
              Severity.P2,
              "key material seen in a public paste",
              SOL,
              AT));

  @Test
  void refusesTheReporterAsTheSecondResponder() {
    assertThat(response.refusalFor(new Acknowledgement(SOL, null)))
        .contains(
            "sol reported this incident and cannot also acknowledge it: a second responder"
                + " confirms it is being handled (runbook 17.2)");
  }

  @Test
  void refusesSomeoneWhoDoesNotRespondToTheSeverity() {
    assertThat(response.refusalFor(new Acknowledgement(ALICE, null)))
        .contains(
            "alice holds none of the roles that respond to a P2 incident: "
                + new TreeSet<>(EscalationMatrix.acknowledgers(Severity.P2))
                + " (runbook 17.2)");
  }

  @Test
  void refusesASecondAcknowledgement() {
    Acknowledgement first = new Acknowledgement(LENA, "on it");
    assertThat(response.refusalFor(first)).isEmpty();
    response.apply(first, AT);

    assertThat(response.refusalFor(new Acknowledgement(KIM, null)))
        .contains("the incident was already acknowledged by lena at " + AT);
  }

  @Test
  void refusesAnAcknowledgementOnceTheResponseIsClosed() {
    response.finish(CompromisePhase.CLOSED, "resolved");

    assertThat(response.refusalFor(new Acknowledgement(LENA, null)))
        .contains("this incident response is closed (CLOSED)");
  }

  @Test
  void refusesAnAcknowledgementWithoutAPerson() {
    assertThat(response.refusalFor(new Acknowledgement(null, null)))
        .contains("an acknowledgement needs an authenticated responder");
  }
}
