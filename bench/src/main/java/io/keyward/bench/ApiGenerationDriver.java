package io.keyward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The same generation as {@link GenerationDriver}, requested and decided by the people over the
 * HTTP API (HTTP Basic, the demo users): each decision is timed from the POST until its 200 with
 * the ceremony's new state. Between decisions it waits for the next phase through a Temporal query,
 * as the other drivers do, so that the API's load is the decisions alone.
 */
final class ApiGenerationDriver implements CeremonyDriver {
  private final ApiClient api;
  private final WorkflowClient client;
  private final String runTag;

  ApiGenerationDriver(ApiClient api, WorkflowClient client, String runTag) {
    this.api = api;
    this.client = client;
    this.runTag = runTag;
  }

  @Override
  public String name() {
    return "Keyward generation over the API";
  }

  @Override
  public void run(int n, DecisionTimings roundTrips) throws Exception {
    KeyRef key = new KeyRef("kv-bench", "api-" + runTag + "-" + n);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "EC");
    spec.put("curve", "P_384");
    spec.put("operations", new String[] {"SIGN", "VERIFY"});
    spec.put("validityDays", 365);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("vault", key.vault());
    request.put("name", key.name());
    request.put("classification", "SECRET");
    request.put("spec", spec);
    request.put("justification", "benchmark");
    api.post("alice", "api/generations", request, 202);
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(key));
    String path = "api/generations/" + key.vault() + "/" + key.name() + "/decisions";
    GenerationDriver.awaitPhase(ceremony, GenerationPhase.AWAITING_APPROVAL, roundTrips);
    decide(path, "olivia", "APPROVE", s -> contains(s.get("approvers"), "olivia"), roundTrips);
    decide(path, "lena", "APPROVE", s -> contains(s.get("approvers"), "lena"), roundTrips);
    GenerationDriver.awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION, roundTrips);
    decide(path, "kim", "GENERATE", s -> "kim".equals(s.path("custodian1").asText()), roundTrips);
    GenerationDriver.awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION, roundTrips);
    decide(path, "kai", "VERIFY", s -> "kai".equals(s.path("custodian2").asText()), roundTrips);
    GenerationDriver.awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION, roundTrips);
    decide(
        path,
        "sam",
        "REGISTER",
        s -> "sam".equals(s.path("securityValidator").asText()),
        roundTrips);
    roundTrips.awaitStep(() -> ceremony.state().phase().isFinal());
    if (ceremony.state().phase() != GenerationPhase.REGISTERED) {
      throw new IllegalStateException("ceremony " + key + " ended " + ceremony.state().phase());
    }
  }

  private void decide(
      String path,
      String who,
      String decision,
      Predicate<JsonNode> recorded,
      DecisionTimings roundTrips)
      throws Exception {
    roundTrips.thinkFirst();
    long start = System.nanoTime();
    JsonNode state = api.post(who, path, Map.of("decision", decision), 200);
    roundTrips.answered().add(System.nanoTime() - start);
    if (!recorded.test(state)) {
      throw new IllegalStateException("the API answered a state without " + who + "'s decision");
    }
  }

  private static boolean contains(JsonNode array, String value) {
    if (array == null) {
      return false;
    }
    for (JsonNode element : array) {
      if (value.equals(element.asText())) {
        return true;
      }
    }
    return false;
  }
}
