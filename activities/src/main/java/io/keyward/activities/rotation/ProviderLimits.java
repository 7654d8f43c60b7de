package io.keyward.activities.rotation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limit of each key provider by name, with a default for providers not named. Read from text
 * such as {@code KEYWARD_PROVIDER_LIMITS}:
 *
 * <pre>
 * azure-keyvault=concurrency:4,creates:10/10s;software=concurrency:16,creates:100/10s,wait:2s
 * default=concurrency:8
 * </pre>
 *
 * Entries are separated by {@code ;} (or new lines); each names a provider (or {@code default}) and
 * any of {@code concurrency:N}, {@code creates:N/DURATION}, {@code wait:DURATION}; what an entry
 * leaves out comes from {@link ProviderLimit#DEFAULT}. Durations are {@code 500ms}, {@code 10s} or
 * {@code 1m}.
 */
public final class ProviderLimits {
  private static final Pattern CREATES = Pattern.compile("(\\d+)/(\\d+(?:ms|s|m))");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  private final ProviderLimit fallback;
  private final Map<String, ProviderLimit> byProvider;

  public ProviderLimits(ProviderLimit fallback, Map<String, ProviderLimit> byProvider) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.byProvider = Map.copyOf(byProvider);
  }

  /** The default limit for every provider. */
  public static ProviderLimits defaults() {
    return new ProviderLimits(ProviderLimit.DEFAULT, Map.of());
  }

  /**
   * Parses the text form; null or blank gives {@link #defaults()}.
   *
   * @throws IllegalArgumentException naming the entry that cannot be read
   */
  public static ProviderLimits parse(String text) {
    if (text == null || text.isBlank()) {
      return defaults();
    }
    ProviderLimit fallback = ProviderLimit.DEFAULT;
    Map<String, ProviderLimit> limits = new TreeMap<>();
    for (String entry : text.split("[;\\n]")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "provider limit '" + entry.strip() + "' must be written name=key:value,...");
      }
      String name = entry.substring(0, equals).strip();
      ProviderLimit limit = parseLimit(name, entry.substring(equals + 1));
      if (name.equals("default")) {
        fallback = limit;
      } else {
        limits.put(name, limit);
      }
    }
    return new ProviderLimits(fallback, limits);
  }

  public ProviderLimit forProvider(String name) {
    return byProvider.getOrDefault(name, fallback);
  }

  @Override
  public String toString() {
    return "default " + fallback + (byProvider.isEmpty() ? "" : "; " + byProvider);
  }

  private static ProviderLimit parseLimit(String name, String settings) {
    ProviderLimit base = ProviderLimit.DEFAULT;
    int concurrency = base.concurrency();
    int creates = base.creates();
    Duration per = base.per();
    Duration maxWait = base.maxWait();
    for (String setting : settings.split(",")) {
      String[] parts = setting.strip().split(":", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "provider limit of " + name + ": '" + setting.strip() + "' must be key:value");
      }
      String value = parts[1].strip();
      switch (parts[0].strip()) {
        case "concurrency" -> concurrency = number(name, "concurrency", value);
        case "creates" -> {
          Matcher m = CREATES.matcher(value);
          if (!m.matches()) {
            throw new IllegalArgumentException(
                "provider limit of "
                    + name
                    + ": creates must be N/DURATION, e.g. 10/10s, was "
                    + value);
          }
          creates = number(name, "creates", m.group(1));
          per = duration(name, m.group(2));
        }
        case "wait" -> maxWait = duration(name, value);
        default ->
            throw new IllegalArgumentException(
                "provider limit of "
                    + name
                    + ": unknown setting '"
                    + parts[0].strip()
                    + "'; known: concurrency, creates, wait");
      }
    }
    try {
      return new ProviderLimit(concurrency, creates, per, maxWait);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException("provider limit of " + name + ": " + invalid.getMessage());
    }
  }

  private static int number(String name, String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "provider limit of " + name + ": " + key + " must be a whole number, was " + value);
    }
  }

  private static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "provider limit of "
              + name
              + ": '"
              + value
              + "' is not a duration like 500ms, 10s or 1m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
