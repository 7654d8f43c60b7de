package io.keyward.api.logging;

import ch.qos.logback.access.jetty.RequestLogImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps the request log from printing logback-access's own status messages (its version checks)
 * straight to standard output when the server starts: those lines are neither the application log
 * nor the request log, and would break a log pipeline that reads one JSON object per line. The
 * request log's configuration errors still fail the start.
 */
public final class QuietRequestLog implements LifeCycle.Listener {
  @Override
  public void lifeCycleStarting(LifeCycle event) {
    if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl log) {
      log.setQuiet(true);
    }
  }
}
