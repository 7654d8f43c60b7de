package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code identity} section: the OpenID Connect provider people sign in with ({@code oidc}), and
 * how recent a sign-in the most sensitive decisions need ({@code stepUpWindow}: deciding an ULTRA
 * step or authorising a level 2 or 3 break-glass session). The users file of the {@code directory}
 * section stays for dev mode and small installations, beside or instead of OpenID Connect.
 */
public class IdentityFactory {
  @Valid @NotNull private OidcFactory oidc = new OidcFactory();

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration stepUpWindow = Duration.minutes(5);

  @JsonProperty
  public OidcFactory getOidc() {
    return oidc;
  }

  @JsonProperty
  public void setOidc(OidcFactory oidc) {
    this.oidc = oidc;
  }

  @JsonProperty
  public Duration getStepUpWindow() {
    return stepUpWindow;
  }

  @JsonProperty
  public void setStepUpWindow(Duration stepUpWindow) {
    this.stepUpWindow = stepUpWindow;
  }
}
