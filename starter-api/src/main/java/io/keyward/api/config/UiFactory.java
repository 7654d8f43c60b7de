package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ui} section: how the approvers' web pages behave when the approval-ui module is on the
 * class path. A sign-in ends after {@code sessionIdleTimeout} without a request and after {@code
 * sessionMaxAge} in any case; {@code temporalWebUrl} (e.g. {@code http://localhost:8233}) makes
 * every page link to its run in Temporal Web for operators, and is left empty when there is no
 * Temporal Web.
 */
public class UiFactory {
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 24, unit = TimeUnit.HOURS)
  private Duration sessionIdleTimeout = Duration.minutes(30);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 7, unit = TimeUnit.DAYS)
  private Duration sessionMaxAge = Duration.hours(12);

  @Min(1)
  @Max(1_000_000)
  private int maxSessions = 10_000;

  @Pattern(
      regexp = "(https?://\\S+)?",
      message = "must be empty or an http(s) address, e.g. http://localhost:8233")
  private String temporalWebUrl;

  @JsonProperty
  public Duration getSessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  @JsonProperty
  public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
    this.sessionIdleTimeout = sessionIdleTimeout;
  }

  @JsonProperty
  public Duration getSessionMaxAge() {
    return sessionMaxAge;
  }

  @JsonProperty
  public void setSessionMaxAge(Duration sessionMaxAge) {
    this.sessionMaxAge = sessionMaxAge;
  }

  @JsonProperty
  public int getMaxSessions() {
    return maxSessions;
  }

  @JsonProperty
  public void setMaxSessions(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  @JsonProperty
  public String getTemporalWebUrl() {
    return temporalWebUrl;
  }

  @JsonProperty
  public void setTemporalWebUrl(String temporalWebUrl) {
    this.temporalWebUrl = temporalWebUrl;
  }

  /** Temporal Web's base address; empty when none is configured. */
  public Optional<URI> temporalWeb() {
    if (temporalWebUrl == null || temporalWebUrl.isBlank()) {
      return Optional.empty();
    }
    String base = temporalWebUrl.strip();
    return Optional.of(URI.create(base.endsWith("/") ? base : base + "/"));
  }
}
