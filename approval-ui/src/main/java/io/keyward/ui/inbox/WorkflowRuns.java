package io.keyward.ui.inbox;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Keyward's workflow runs for the pages. On a Temporal server with visibility it asks a query
 * over Keyward's search attributes, e.g. {@code KeywardAwaitingRoles IN ('CISO') AND
 * ExecutionStatus = 'Running'}. The in-process test server answers such queries with UNIMPLEMENTED;
 * from the first such answer on, it lists open (or closed) runs page by page instead and leaves the
 * filtering to whoever queries each run. At most {@code limit} runs are returned either way.
 */
public final class WorkflowRuns {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRuns.class);
  private static final int PAGE = 100;
  private static final String ORDER_BY_DUE =
      " ORDER BY " + KeywardSearchAttributes.STEP_DUE.getName() + " ASC";

  private final WorkflowClient client;
  private final int limit;
  private final AtomicBoolean noVisibility = new AtomicBoolean();
  private final AtomicBoolean noOrderBy = new AtomicBoolean();

  public WorkflowRuns(WorkflowClient client, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.client = client;
    this.limit = limit;
  }

  /**
   * One page of the running runs of these types that wait on one of the roles, ordered by the open
   * step's due date ({@code KeywardStepDue}) where the server orders (Elasticsearch visibility);
   * SQL visibility, as in the dev server, orders by no custom attribute and answers newest run
   * first. Without visibility, every open run of these types (up to the limit) on one page.
   *
   * @throws IllegalArgumentException when the page token is not one the server accepts
   */
  public Listing awaiting(Set<Role> roles, Collection<String> types, InboxPaging paging) {
    if (roles.isEmpty() || types.isEmpty()) {
      return new Listing(List.of(), Listing.Method.VISIBILITY, false);
    }
    String query =
        KeywardSearchAttributes.AWAITING_ROLES.getName()
            + " IN ("
            + quoted(roles.stream().map(Role::name).sorted().toList())
            + ") AND ExecutionStatus = 'Running' AND WorkflowType IN ("
            + quoted(types)
            + ")";
    if (!noVisibility.get()) {
      try {
        return page(query, paging);
      } catch (RuntimeException failure) {
        if (!unimplemented(failure)) {
          throw failure;
        }
        LOG.info(
            "Temporal answers no visibility queries (the in-process test server?): listing"
                + " runs one by one from now on");
        noVisibility.set(true);
      }
    }
    return paging.firstPage()
        ? scanOpen(Set.copyOf(types))
        : new Listing(List.of(), Listing.Method.SCAN, false);
  }

  private Listing page(String query, InboxPaging paging) {
    if (!noOrderBy.get()) {
      try {
        return page(query + ORDER_BY_DUE, paging, true);
      } catch (StatusRuntimeException refused) {
        if (!orderByRefused(refused)) {
          throw refused;
        }
        LOG.info("Temporal's visibility orders by no custom attribute: pages come unordered");
        noOrderBy.set(true);
      }
    }
    return page(query, paging, false);
  }

  private Listing page(String query, InboxPaging paging, boolean ordered) {
    ListWorkflowExecutionsResponse response;
    try {
      response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setQuery(query)
                      .setPageSize(paging.size())
                      .setNextPageToken(paging.token())
                      .build());
    } catch (StatusRuntimeException refused) {
      if (!paging.firstPage()
          && refused.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && !orderByRefused(refused)) {
        throw new IllegalArgumentException(
            "page is not a link of this inbox (or no longer valid); open the inbox from its first"
                + " page");
      }
      throw refused;
    }
    List<RunRef> runs = response.getExecutionsList().stream().map(this::ref).toList();
    ByteString next = response.getNextPageToken();
    return new Listing(
        runs,
        Listing.Method.VISIBILITY,
        !next.isEmpty(),
        next.isEmpty() ? null : InboxPaging.link(next),
        ordered);
  }

  private static boolean orderByRefused(StatusRuntimeException refused) {
    String description = refused.getStatus().getDescription();
    return refused.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
        && description != null
        && description.contains("ORDER BY");
  }

  /** Completed runs of this type whose last phase is {@code phase}. */
  public Listing completed(String type, String phase) {
    String query =
        "WorkflowType = '"
            + type
            + "' AND ExecutionStatus = 'Completed' AND "
            + KeywardSearchAttributes.PHASE.getName()
            + " = '"
            + phase
            + "'";
    return list(query, () -> scanClosed(type));
  }

  /** Running runs of this type, e.g. the break-glass sessions in progress. */
  public Listing running(String type) {
    String query = "WorkflowType = '" + type + "' AND ExecutionStatus = 'Running'";
    return list(query, () -> scanOpen(Set.of(type)));
  }

  /** Whether the server has shown that it answers no visibility queries. */
  public boolean scanning() {
    return noVisibility.get();
  }

  private Listing list(String query, Supplier<Listing> scan) {
    if (!noVisibility.get()) {
      try {
        List<RunRef> runs =
            client.listExecutions(query).limit(limit + 1L).map(WorkflowRuns::ref).toList();
        return new Listing(
            runs.subList(0, Math.min(limit, runs.size())),
            Listing.Method.VISIBILITY,
            runs.size() > limit);
      } catch (RuntimeException failure) {
        if (!unimplemented(failure)) {
          throw failure;
        }
        LOG.info(
            "Temporal answers no visibility queries (the in-process test server?): listing"
                + " runs one by one from now on");
        noVisibility.set(true);
      }
    }
    return scan.get();
  }

  private Listing scanOpen(Set<String> types) {
    return scan(
        token -> {
          ListOpenWorkflowExecutionsResponse page =
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .listOpenWorkflowExecutions(
                      ListOpenWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(client.getOptions().getNamespace())
                          .setMaximumPageSize(PAGE)
                          .setNextPageToken(token)
                          .build());
          return new Page(page.getExecutionsList(), page.getNextPageToken());
        },
        types);
  }

  private Listing scanClosed(String type) {
    return scan(
        token -> {
          ListClosedWorkflowExecutionsResponse page =
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .listClosedWorkflowExecutions(
                      ListClosedWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(client.getOptions().getNamespace())
                          .setMaximumPageSize(PAGE)
                          .setNextPageToken(token)
                          .build());
          return new Page(page.getExecutionsList(), page.getNextPageToken());
        },
        Set.of(type));
  }

  private Listing scan(Function<ByteString, Page> fetch, Set<String> types) {
    List<RunRef> runs = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      Page page = fetch.apply(token);
      for (WorkflowExecutionInfo info : page.executions()) {
        if (types.contains(info.getType().getName())) {
          runs.add(ref(info));
          if (runs.size() > limit) {
            return new Listing(runs.subList(0, limit), Listing.Method.SCAN, true);
          }
        }
      }
      token = page.next();
    } while (!token.isEmpty());
    return new Listing(runs, Listing.Method.SCAN, false);
  }

  private record Page(List<WorkflowExecutionInfo> executions, ByteString next) {}

  private static RunRef ref(WorkflowExecutionMetadata run) {
    return new RunRef(
        run.getExecution().getWorkflowId(),
        run.getExecution().getRunId(),
        run.getWorkflowType(),
        run.getStartTime(),
        PublishedStep.of(run).orElse(null));
  }

  private RunRef ref(WorkflowExecutionInfo info) {
    return ref(new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter()));
  }

  private static String quoted(Collection<String> values) {
    for (String value : values) {
      if (!value.matches("[A-Za-z0-9_]+")) {
        throw new IllegalArgumentException("not a plain name for a visibility query: " + value);
      }
    }
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }

  private static boolean unimplemented(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
