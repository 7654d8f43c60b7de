package io.keyward.ui.testing;

import io.keyward.workflows.signin.WebSession;
import io.keyward.workflows.signin.WebSessions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web sessions in a map, for tests of pages that need a signed-in person and no database. It keeps
 * no limit and never expires a session; the real store's contract is checked by the store
 * conformance suite and {@code SessionStoreTest}.
 */
public final class MemoryWebSessions implements WebSessions {
  private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, PageNotice> notices = new ConcurrentHashMap<>();

  @Override
  public void open(String id, WebSession session, int keepAtMost) {
    sessions.put(id, session);
  }

  @Override
  public Optional<WebSession> find(String id, Instant now) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public void seen(String id, Instant at, Instant expiresAt) {}

  @Override
  public void close(String id) {
    sessions.remove(id);
  }

  @Override
  public void keepNotice(String id, PageNotice notice) {
    notices.put(id, notice);
  }

  @Override
  public Optional<PageNotice> takeNotice(String id) {
    return Optional.ofNullable(notices.remove(id));
  }

  @Override
  public int count(Instant now) {
    return sessions.size();
  }
}
