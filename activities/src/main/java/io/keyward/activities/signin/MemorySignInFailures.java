package io.keyward.activities.signin;

import io.keyward.workflows.signin.FailureCount;
import io.keyward.workflows.signin.SignInFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted in this process's memory: right for one API process (dev mode, a small
 * installation); several replicas each count their own until a shared store implements {@link
 * SignInFailures}. A restart forgets every count. At most {@code maxKeys} keys are held; beyond
 * that the forgotten ones are dropped, then the oldest, so a flood of made-up names cannot exhaust
 * memory.
 */
public final class MemorySignInFailures implements SignInFailures {
  static final int MAX_KEY = 200;

  private final Map<String, FailureCount> counts = new ConcurrentHashMap<>();
  private final int maxKeys;

  public MemorySignInFailures(int maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.maxKeys = maxKeys;
  }

  @Override
  public Optional<FailureCount> current(String key, Instant now, Duration forgetAfter) {
    FailureCount count = counts.get(checked(key));
    if (count == null || forgotten(count, now, forgetAfter)) {
      return Optional.empty();
    }
    return Optional.of(count);
  }

  @Override
  public FailureCount add(String key, Instant at, Duration forgetAfter) {
    if (counts.size() >= maxKeys) {
      makeRoom(at, forgetAfter);
    }
    return counts.compute(
        checked(key),
        (k, before) ->
            before == null || forgotten(before, at, forgetAfter)
                ? new FailureCount(1, at)
                : new FailureCount(before.failures() + 1, at));
  }

  @Override
  public void clear(String key) {
    counts.remove(checked(key));
  }

  private void makeRoom(Instant now, Duration forgetAfter) {
    counts.values().removeIf(count -> forgotten(count, now, forgetAfter));
    while (counts.size() >= maxKeys) {
      counts.entrySet().stream()
          .min(Map.Entry.comparingByValue((a, b) -> a.last().compareTo(b.last())))
          .ifPresent(oldest -> counts.remove(oldest.getKey(), oldest.getValue()));
    }
  }

  private static boolean forgotten(FailureCount count, Instant now, Duration forgetAfter) {
    return !now.isBefore(count.last().plus(forgetAfter));
  }

  private static String checked(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("a sign-in key has 1 to " + MAX_KEY + " characters");
    }
    return key;
  }
}
