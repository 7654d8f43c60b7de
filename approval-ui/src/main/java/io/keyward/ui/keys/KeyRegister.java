package io.keyward.ui.keys;

import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.keys.KeyLifecycles;
import io.keyward.ui.generation.GenerationPages;
import io.keyward.ui.generation.GenerationWaiting;
import io.keyward.ui.inbox.Listing;
import io.keyward.ui.inbox.RunRef;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.ui.inbox.WorkflowRuns;
import io.keyward.ui.rotation.LifecyclePages;
import io.keyward.ui.rotation.LifecycleView;
import io.keyward.ui.rotation.LifecycleWaiting;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.lifecycle.LifecycleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys Keyward manages: every key under a lifecycle (runbook 6.2: its version in use, expiry
 * and next rotation) and every key a generation ceremony registered, one row per key. Keys that
 * cannot be read right now are counted, not dropped silently.
 */
public final class KeyRegister {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRegister.class);

  private final WorkflowRuns runs;
  private final GenerationCeremonies generations;
  private final KeyLifecycles lifecycles;

  public KeyRegister(
      WorkflowRuns runs, GenerationCeremonies generations, KeyLifecycles lifecycles) {
    this.runs = runs;
    this.generations = generations;
    this.lifecycles = lifecycles;
  }

  /** Every managed key, sorted by name, with how they were listed. */
  public Keys keys() {
    Map<String, ManagedKey> keys = new TreeMap<>();
    int unreadable = 0;
    Listing registered =
        runs.completed(GenerationWaiting.WORKFLOW_TYPE, GenerationPhase.REGISTERED.name());
    for (RunRef run : registered.runs()) {
      Optional<KeyRef> key = WorkflowIds.keyOf("keygen/", run.workflowId());
      if (key.isEmpty() || keys.containsKey(key.get().toString())) {
        continue;
      }
      try {
        GenerationState state = generations.state(key.get());
        if (state.phase() == GenerationPhase.REGISTERED && state.keyVersion() != null) {
          keys.put(key.get().toString(), registered(key.get(), state));
        }
      } catch (RuntimeException failure) {
        unreadable++;
        LOG.warn(
            "Could not read the registered key of {}: {}", run.workflowId(), failure.toString());
      }
    }
    Listing underPolicy = runs.running(LifecycleWaiting.WORKFLOW_TYPE);
    for (RunRef run : underPolicy.runs()) {
      Optional<KeyRef> key = WorkflowIds.keyOf("lifecycle/", run.workflowId());
      if (key.isEmpty()) {
        continue;
      }
      try {
        LifecycleState state = lifecycles.state(key.get());
        keys.put(key.get().toString(), underPolicy(state, keys.get(key.get().toString())));
      } catch (RuntimeException failure) {
        unreadable++;
        LOG.warn("Could not read the lifecycle {}: {}", run.workflowId(), failure.toString());
      }
    }
    return new Keys(new ArrayList<>(keys.values()), registered, unreadable);
  }

  private static ManagedKey registered(KeyRef key, GenerationState state) {
    KeyVersionInfo version = state.keyVersion();
    return new ManagedKey(
        key.toString(),
        state.request().classification().name(),
        state.request().spec().describe(),
        version.version(),
        version.enabled(),
        version.created(),
        version.expires(),
        null,
        "not under a rotation policy",
        state.request().requester().id(),
        GenerationPages.pathOf(key));
  }

  /** The lifecycle's view of the key, keeping what its generation ceremony knew. */
  private static ManagedKey underPolicy(LifecycleState state, ManagedKey generated) {
    String versions =
        state.newVersion() == null
            ? state.currentVersion()
            : state.currentVersion() + " → " + state.newVersion();
    return new ManagedKey(
        state.key().toString(),
        state.classification().name(),
        generated == null ? state.usage().label() : generated.spec() + ", " + state.usage().label(),
        versions == null ? "" : versions,
        true,
        generated == null ? state.enrolledAt() : generated.created(),
        state.currentExpires(),
        LifecycleView.nextRotation(state),
        LifecycleView.mode(state),
        generated == null ? state.enrolledBy() : generated.owner(),
        LifecyclePages.pathOf(state.key()));
  }

  /** The keys, how the registered ones were listed, and how many could not be read. */
  public record Keys(List<ManagedKey> keys, Listing listing, int unreadable) {}
}
