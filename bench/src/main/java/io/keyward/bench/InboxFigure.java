package io.keyward.bench;

import io.keyward.ui.inbox.InboxPaging;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.net.URI;

/**
 * The approver's inbox with {@code --pending} generation ceremonies waiting for approval: the first
 * page ({@code GET /ui/inbox}) and the page its "next page" link leads to, beside their floor, the
 * one visibility query of a page of the same size that the inbox makes.
 */
final class InboxFigure {
  private static final String QUERY =
      "KeywardAwaitingRoles IN ('CRYPTO_OFFICER') AND ExecutionStatus = 'Running'"
          + " AND WorkflowType IN ('KeyGeneration')";
  private static final int TIMES = 20;

  private InboxFigure() {}

  static void measure(
      BenchOptions options,
      WorkflowClient client,
      URI apiBase,
      GenerationDriver keyward,
      BenchResults results)
      throws Exception {
    int waiting = options.reports() > 0 ? options.background() : 0;
    System.err.printf("bench: inbox: %d ceremonies waiting for approval%n", options.pending());
    long begun = System.nanoTime();
    for (int i = waiting; i < options.pending(); i++) {
      keyward.startWaiting(30_000 + i);
    }
    long listed = 0;
    for (int attempt = 0; attempt < 6_000 && listed < options.pending(); attempt++) {
      // Visibility follows the starts, and the worker's first tasks, by a moment.
      Thread.sleep(100);
      listed = count(client);
    }
    results.note("inboxListed", listed);
    results.note("inboxSecondsToStartAndList", (System.nanoTime() - begun) / 1e9);
    InboxProbe browser = new InboxProbe(apiBase);
    browser.signIn("olivia");
    InboxProbe.Page first = browser.inbox("ui/inbox");
    results.note("inboxRowsOnFirstPage", first.rows());
    for (int i = 0; i < TIMES; i++) {
      long start = System.nanoTime();
      first = browser.inbox("ui/inbox");
      results.series("inbox/page").add(System.nanoTime() - start);
      if (first.next() != null) {
        start = System.nanoTime();
        browser.inbox(first.next());
        results.series("inbox/next page").add(System.nanoTime() - start);
      }
      start = System.nanoTime();
      onePage(client);
      results.series("inbox/list query").add(System.nanoTime() - start);
    }
    results.figure(
        "inbox page, " + listed + " waiting on the approver",
        "inbox/page",
        "inbox/list query",
        200);
    if (first.next() != null) {
      results.figure(
          "inbox next page, " + listed + " waiting", "inbox/next page", "inbox/list query", 200);
    }
  }

  private static long count(WorkflowClient client) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setQuery(QUERY)
                .build())
        .getCount();
  }

  private static ListWorkflowExecutionsResponse onePage(WorkflowClient client) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setQuery(QUERY)
                .setPageSize(InboxPaging.DEFAULT_SIZE)
                .build());
  }
}
