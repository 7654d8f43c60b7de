package io.keyward.ui.inbox;

import io.keyward.workflows.common.Actor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits on a person, by their roles: one page of the runs that Temporal lists as waiting on
 * one of the roles ({@code KeywardAwaitingRoles}), each read from what it published of its open
 * step ({@link PublishedStep}) or, for a run that publishes none (started before its ceremony did,
 * or a kind that does not), asked by the {@link WaitingSource} of its kind. Soonest due first. A
 * run that cannot be asked (it just finished, its worker is away) is left out of this view and
 * counted, rather than failing the whole inbox.
 */
public final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final WorkflowRuns runs;
  private final Map<String, WaitingSource> sources = new LinkedHashMap<>();

  public Inbox(WorkflowRuns runs, List<WaitingSource> sources) {
    this.runs = runs;
    sources.forEach(source -> this.sources.put(source.workflowType(), source));
  }

  /** The first page for {@code viewer}. */
  public Contents of(Actor viewer) {
    return of(viewer, InboxPaging.first());
  }

  /** One page of rows for {@code viewer}, how they were listed, and how many runs were asked. */
  public Contents of(Actor viewer, InboxPaging paging) {
    Listing listing = runs.awaiting(viewer.roles(), sources.keySet(), paging);
    List<InboxRow> rows = new ArrayList<>();
    int asked = 0;
    int unanswered = 0;
    for (RunRef run : listing.runs()) {
      WaitingSource source = sources.get(run.workflowType());
      if (source == null) {
        continue;
      }
      if (run.published() != null && source.readsPublished()) {
        source.fromPublished(run.workflowId(), run.published(), viewer).ifPresent(rows::add);
        continue;
      }
      asked++;
      try {
        source.waitingOn(run.workflowId(), viewer).ifPresent(rows::add);
      } catch (RuntimeException failure) {
        unanswered++;
        LOG.warn("Could not ask {} what it waits for: {}", run.workflowId(), failure.toString());
      }
    }
    rows.sort(
        Comparator.comparing(InboxRow::due, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InboxRow::key));
    return new Contents(rows, listing, paging, asked, unanswered);
  }

  /**
   * The rows of one page of a person's inbox; {@code asked} counts the runs that had to be queried
   * (those that publish no open step).
   */
  public record Contents(
      List<InboxRow> rows, Listing listing, InboxPaging paging, int asked, int unanswered) {
    public Optional<String> note() {
      return Optional.ofNullable(listing.note());
    }
  }
}
