package io.keyward.ui.keys;

import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.ui.generation.GenerationPages;
import io.keyward.ui.generation.GenerationWaiting;
import io.keyward.ui.inbox.Listing;
import io.keyward.ui.inbox.RunRef;
import io.keyward.ui.inbox.WorkflowRuns;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys Keyward manages: every key a generation ceremony registered, read from the ceremony's
 * final state. Keys that cannot be read right now are counted, not dropped silently.
 */
public final class KeyRegister {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRegister.class);
  private static final String ID_PREFIX = "keygen/";

  private final WorkflowRuns runs;
  private final GenerationCeremonies generations;

  public KeyRegister(WorkflowRuns runs, GenerationCeremonies generations) {
    this.runs = runs;
    this.generations = generations;
  }

  /** Every registered key, sorted by name, with how it was listed. */
  public Keys keys() {
    Listing listing =
        runs.completed(GenerationWaiting.WORKFLOW_TYPE, GenerationPhase.REGISTERED.name());
    Set<String> ids = new LinkedHashSet<>();
    for (RunRef run : listing.runs()) {
      ids.add(run.workflowId());
    }
    List<ManagedKey> keys = new ArrayList<>();
    int unreadable = 0;
    for (String id : ids) {
      if (!id.startsWith(ID_PREFIX)) {
        continue;
      }
      try {
        KeyRef key = KeyRef.parse(id.substring(ID_PREFIX.length()));
        GenerationState state = generations.state(key);
        if (state.phase() == GenerationPhase.REGISTERED && state.keyVersion() != null) {
          keys.add(managed(key, state));
        }
      } catch (RuntimeException failure) {
        unreadable++;
        LOG.warn("Could not read the registered key of {}: {}", id, failure.toString());
      }
    }
    keys.sort(Comparator.comparing(ManagedKey::key));
    return new Keys(keys, listing, unreadable);
  }

  private static ManagedKey managed(KeyRef key, GenerationState state) {
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
        "no rotation planned",
        state.request().requester().id(),
        GenerationPages.pathOf(key));
  }

  /** The keys, how their ceremonies were listed, and how many could not be read. */
  public record Keys(List<ManagedKey> keys, Listing listing, int unreadable) {}
}
