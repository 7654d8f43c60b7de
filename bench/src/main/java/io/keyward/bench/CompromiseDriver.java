package io.keyward.bench;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.compromise.CompromiseResponseWorkflow;
import io.keyward.workflows.compromise.Disablement;
import io.keyward.workflows.incident.IncidentId;
import io.temporal.client.WorkflowClient;
import java.util.Map;

/**
 * Reports a registered key compromised over the API, as a security team lead does, and times it
 * until the response's query shows every version disabled: as the reporter's client sees it (POST
 * sent until the query shows the key disabled) and as the workflow records it ({@link
 * Disablement#timeToDisable()}, accepted until the provider confirmed).
 */
final class CompromiseDriver {
  private final ApiClient api;
  private final WorkflowClient client;
  private final String runTag;

  CompromiseDriver(ApiClient api, WorkflowClient client, String runTag) {
    this.api = api;
    this.client = client;
    this.runTag = runTag;
  }

  /** Reports {@code key} as incident number {@code n}; records both times. */
  void report(int n, KeyRef key, Latencies seen, Latencies recorded) throws Exception {
    IncidentId incident = new IncidentId("INC-" + runTag + "-" + n);
    long start = System.nanoTime();
    api.post(
        "lena",
        "api/compromises",
        Map.of(
            "incident", incident.value(),
            "vault", key.vault(),
            "name", key.name(),
            "severity", "P1",
            "summary", "benchmark"),
        202);
    CompromiseResponseWorkflow response =
        client.newWorkflowStub(
            CompromiseResponseWorkflow.class, CompromiseReport.workflowId(incident));
    Disablement disablement = response.state().disablement();
    while (disablement == null || disablement.disabledAt() == null) {
      if (response.state().phase().isFinal()) {
        throw new IllegalStateException(incident + " ended without disabling " + key);
      }
      Thread.sleep(1);
      disablement = response.state().disablement();
    }
    seen.add(System.nanoTime() - start);
    recorded.add(disablement.timeToDisable().toNanos());
  }
}
