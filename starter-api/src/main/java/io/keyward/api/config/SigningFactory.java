package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyward.workflows.attestation.SigningSettings;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;

/**
 * The {@code signing} section: the key the API signs every person's input to Temporal with (starts,
 * Updates, Signals), {@code <provider>:<vault>/<name>}, an EC P-256 key created on first use.
 * Workers must trust it ({@code KEYWARD_SIGNING_KEY} naming the same software key, or its public
 * key in {@code KEYWARD_TRUSTED_SIGNERS_FILE}). The software key lives in {@code
 * <codec.dataDir>/signing-keys}, sealed like the codec's key.
 */
public class SigningFactory {
  @NotEmpty
  @Pattern(
      regexp = "[a-z0-9-]+:[^/\\s]+/[^/\\s]+",
      message = "must be <provider>:<vault>/<name>, e.g. software:keyward/decisions")
  private String key = SigningSettings.DEV_SIGNING_KEY;

  @JsonProperty
  public String getKey() {
    return key;
  }

  @JsonProperty
  public void setKey(String key) {
    this.key = key;
  }

  /** The settings, with the data directory and dev mode of the {@code codec} section. */
  public SigningSettings settings(CodecFactory codec) {
    return new SigningSettings(key.strip(), null, Path.of(codec.getDataDir()), codec.isDevMode());
  }
}
