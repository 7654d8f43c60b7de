package io.keyward.bench;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The people's side of the bench's workers: counts what they were told, and which of those notices
 * speak of throttling (the provider's 429 or Keyward's own limit) or of a failed rotation.
 */
final class PeopleTold implements NotificationActivities {
  private final AtomicInteger told = new AtomicInteger();
  private final AtomicInteger throttling = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  @Override
  public String send(Notification notification) {
    told.incrementAndGet();
    String text = notification.toString().toLowerCase(Locale.ROOT);
    if (text.contains("throttl") || text.contains("429") || text.contains("too many")) {
      throttling.incrementAndGet();
    }
    if (text.contains("rotation failed") || text.contains("failed")) {
      failures.incrementAndGet();
    }
    return "bench";
  }

  int told() {
    return told.get();
  }

  int throttling() {
    return throttling.get();
  }

  int failures() {
    return failures.get();
  }
}
