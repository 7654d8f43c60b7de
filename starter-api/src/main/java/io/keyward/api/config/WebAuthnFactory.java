package io.keyward.api.config;

import io.keyward.api.webauthn.RelyingParty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code webauthn} section: the relying party people's security keys are registered for. {@code
 * rpId} is the host name of the approval UI (e.g. {@code keyward.example.com}; {@code localhost} in
 * dev mode); {@code origins} the exact page origins registrations and decisions may come from (e.g.
 * {@code https://keyward.example.com}). With no origins listed, any origin whose host is the RP id
 * is accepted, over https, or over http for {@code localhost} (dev mode and tests, where the port
 * is chosen at start).
 */
public class WebAuthnFactory {
  @NotBlank private String rpId = "localhost";

  @NotNull private List<String> origins = new ArrayList<>();

  public String getRpId() {
    return rpId;
  }

  public void setRpId(String rpId) {
    this.rpId = rpId;
  }

  public List<String> getOrigins() {
    return origins;
  }

  public void setOrigins(List<String> origins) {
    this.origins = origins;
  }

  public RelyingParty relyingParty() {
    return new RelyingParty(rpId, List.copyOf(origins));
  }
}
