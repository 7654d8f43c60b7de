package io.keyward.bench;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The people's side of the bench's workers: counts what they were told, and which of those notices
 * speak of throttling (the provider's 429, its Retry-After, Keyward's own limit).
 */
final class PeopleTold implements NotificationActivities {
  /**
   * What a throttling failure would carry into a notice: the failure type, Key Vault's and the
   * limiter's words, the status as the SDK reports it (not "429" alone: a key may be named so).
   */
  private static final Pattern THROTTLING =
      Pattern.compile(
          "(?i)throttl|too many requests|retry-after|creations per|status code 429|429 too many");

  private final AtomicInteger told = new AtomicInteger();
  private final AtomicInteger throttling = new AtomicInteger();
  private final List<String> throttlingTitles = new CopyOnWriteArrayList<>();

  @Override
  public String send(Notification notification) {
    told.incrementAndGet();
    if (THROTTLING.matcher(notification.toString()).find()) {
      throttling.incrementAndGet();
      throttlingTitles.add(notification.title());
    }
    return "bench";
  }

  int told() {
    return told.get();
  }

  int throttling() {
    return throttling.get();
  }

  /** The titles of the notices that spoke of throttling, to see what they were. */
  List<String> throttlingTitles() {
    return List.copyOf(throttlingTitles);
  }
}
