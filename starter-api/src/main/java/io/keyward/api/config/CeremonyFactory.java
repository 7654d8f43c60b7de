package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ceremony} section: how long each human step (approval, custodians, security) may stay
 * open before the ceremony expires. Runbook 3.3 expects decisions within days, so the default is 72
 * hours; a value under a minute would expire ceremonies before anyone can act. After {@code
 * refusalLimit} refused attempts within {@code refusalWindow} (default 5 per minute) a person's
 * further attempts answer 429 until the window ends.
 */
public class CeremonyFactory {
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration stepTimeout = Duration.hours(72);

  @JsonProperty
  public Duration getStepTimeout() {
    return stepTimeout;
  }

  @JsonProperty
  public void setStepTimeout(Duration stepTimeout) {
    this.stepTimeout = stepTimeout;
  }

  public java.time.Duration stepTimeout() {
    return stepTimeout.toJavaDuration();
  }

  /** Refused attempts one person may make in a {@link #getRefusalWindow() window}. */
  @Min(1)
  private int refusalLimit = 5;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration refusalWindow = Duration.minutes(1);

  @JsonProperty
  public int getRefusalLimit() {
    return refusalLimit;
  }

  @JsonProperty
  public void setRefusalLimit(int refusalLimit) {
    this.refusalLimit = refusalLimit;
  }

  @JsonProperty
  public Duration getRefusalWindow() {
    return refusalWindow;
  }

  @JsonProperty
  public void setRefusalWindow(Duration refusalWindow) {
    this.refusalWindow = refusalWindow;
  }
}
