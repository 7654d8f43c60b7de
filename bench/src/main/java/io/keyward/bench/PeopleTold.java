package io.keyward.bench;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The people's side of the bench's workers: counts what they were told, and which of those notices
 * speak of throttling (the provider's 429, its Retry-After, Keyward's own limit).
 */
final class PeopleTold implements NotificationActivities {
  /** "429" as a word: a version id in hex may hold the digits. */
  private static final Pattern THROTTLING =
      Pattern.compile("(?i)throttl|too many|retry-after|\\b429\\b|creations per");

  private final AtomicInteger told = new AtomicInteger();
  private final AtomicInteger throttling = new AtomicInteger();

  @Override
  public String send(Notification notification) {
    told.incrementAndGet();
    if (THROTTLING.matcher(notification.toString()).find()) {
      throttling.incrementAndGet();
    }
    return "bench";
  }

  int told() {
    return told.get();
  }

  int throttling() {
    return throttling.get();
  }
}
