package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One key generation ceremony, driven over the API by demo users as people would drive it. */
final class GenerationOverHttp {
  /** Each step runs activities (key generation, round trip) before the next one opens. */
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);

  private final DemoUserHttp api;
  private final String path;
  private final String workflowId;
  private final String runId;
  private final Map<String, SecurityKeyOverHttp> keys;

  /**
   * @param key the ceremony's key, {@code vault/name}
   */
  GenerationOverHttp(DemoUserHttp api, String key) {
    this(api, key, null, Map.of());
  }

  /**
   * An ULTRA ceremony of run {@code runId}, whose deciders sign each decision with their key in
   * {@code keys}.
   */
  GenerationOverHttp(
      DemoUserHttp api, String key, String runId, Map<String, SecurityKeyOverHttp> keys) {
    this.api = api;
    this.path = "/api/generations/" + key;
    this.workflowId = "keygen/" + key;
    this.runId = runId;
    this.keys = keys;
  }

  /** The ceremony's address under the API, e.g. for its audit trail. */
  String path() {
    return path;
  }

  /** Takes {@code decision} as {@code user}; fails the test unless the API accepts it. */
  DemoUserHttp.Answer decide(String user, String decision) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("decision", decision);
    SecurityKeyOverHttp key = keys.get(user);
    if (key != null) {
      String phase = api.get(user, path).phase();
      body.put("assertion", key.sign(workflowId, runId, decision + "@" + phase));
    }
    DemoUserHttp.Answer answer = api.post(user, path + "/decisions", body);
    assertThat(answer.status()).as(user + " " + decision + ": " + answer.body()).isEqualTo(200);
    return answer;
  }

  /** The ceremony's state once it reached {@code phase}; fails the test if it does not in time. */
  DemoUserHttp.Answer awaitPhase(String phase) throws Exception {
    long deadline = System.nanoTime() + STEP_WAIT.toNanos();
    DemoUserHttp.Answer state;
    do {
      state = api.get("alice", path);
      if (state.phase().equals(phase)) {
        return state;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return fail("the ceremony did not reach " + phase + "; its state: " + state.body());
  }
}
