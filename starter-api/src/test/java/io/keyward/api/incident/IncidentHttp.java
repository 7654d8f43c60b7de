package io.keyward.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the incident API tests do over HTTP besides their own calls: make keys, wait, read. */
public final class IncidentHttp {
  private final RunningKeyward keyward;

  public IncidentHttp(RunningKeyward keyward) {
    this.keyward = keyward;
  }

  /**
   * An enabled CONFIDENTIAL RSA-3072 encrypt/decrypt key of alice's, made the only way Keyward
   * makes keys: a generation ceremony driven over the API by the demo cast, through the security
   * team's registration, which writes it to the key register.
   */
  public void activeKey(String vault, String name) {
    Reply requested =
        keyward.post(
            "alice",
            "/api/generations",
            """
            {"vault": "%s", "name": "%s", "classification": "CONFIDENTIAL",
             "spec": {"type": "RSA", "size": 3072, "operations": ["ENCRYPT", "DECRYPT"]},
             "justification": "orders database encryption"}"""
                .formatted(vault, name));
    assertThat(requested.status()).as("generation requested: %s", requested.body()).isEqualTo(202);
    String url = requested.body().get("statusUrl").asText();
    decide("olivia", url, "APPROVE");
    awaitPhase(url, "AWAITING_GENERATION");
    decide("kim", url, "GENERATE");
    awaitPhase(url, "AWAITING_VERIFICATION");
    decide("kai", url, "VERIFY");
    JsonNode activated = awaitPhase(url, "AWAITING_REGISTRATION");
    assertThat(activated.at("/keyVersion/enabled").asBoolean()).isTrue();
    decide("sam", url, "REGISTER");
    awaitPhase(url, "REGISTERED");
  }

  /** Polls {@code url} until its phase is {@code phase}; the workflow moves on its own. */
  public JsonNode awaitPhase(String url, String phase) {
    return awaitState(url, s -> phase.equals(s.path("phase").asText()), "phase " + phase);
  }

  public JsonNode awaitState(String url, Predicate<JsonNode> condition, String what) {
    JsonNode state = null;
    for (int attempt = 0; attempt < 600; attempt++) {
      state = keyward.get("audrey", url).body();
      if (state != null && condition.test(state)) {
        return state;
      }
      pause();
    }
    throw new AssertionError(url + " never reached " + what + "; last state " + state);
  }

  /** The event types of an audit endpoint's answer, in chain order. */
  public List<String> auditTypes(String url) {
    Reply trail = keyward.get("audrey", url + "/audit");
    assertThat(trail.status()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    trail.body().forEach(record -> types.add(record.at("/event/type").asText()));
    return types;
  }

  private void decide(String user, String url, String decision) {
    Reply decided =
        keyward.post(user, url + "/decisions", "{\"decision\": \"%s\"}".formatted(decision));
    assertThat(decided.status()).as("%s %s: %s", user, decision, decided.body()).isEqualTo(200);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
