package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyward.workflows.codec.CodecSettings;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code codec} section: the key-encryption key that protects every payload this API writes to
 * Temporal (the worker must name the same, {@code KEYWARD_CODEC_KEK}), the retired keys that still
 * decode, and the Temporal Web origin allowed to call {@code /codec} and {@code /ui/codec} from the
 * browser with credentials.
 */
public class CodecFactory {
  @NotEmpty private String keyEncryptionKey = CodecSettings.DEV_KEY_ENCRYPTION_KEY;

  @NotNull private String retiredKeyEncryptionKeys = "";

  @NotEmpty private String dataDir = "data";

  private boolean devMode;

  @Pattern(
      regexp = "(https?://[^/\\s]+/?)?",
      message = "must be empty or an origin, e.g. http://localhost:8233")
  private String temporalWebOrigin;

  @JsonProperty
  public String getKeyEncryptionKey() {
    return keyEncryptionKey;
  }

  @JsonProperty
  public void setKeyEncryptionKey(String keyEncryptionKey) {
    this.keyEncryptionKey = keyEncryptionKey;
  }

  /** Comma-separated, so one environment variable can hold them. */
  @JsonProperty
  public String getRetiredKeyEncryptionKeys() {
    return retiredKeyEncryptionKeys;
  }

  @JsonProperty
  public void setRetiredKeyEncryptionKeys(String retiredKeyEncryptionKeys) {
    this.retiredKeyEncryptionKeys =
        retiredKeyEncryptionKeys == null ? "" : retiredKeyEncryptionKeys;
  }

  @JsonProperty
  public String getDataDir() {
    return dataDir;
  }

  @JsonProperty
  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  @JsonProperty
  public boolean isDevMode() {
    return devMode;
  }

  @JsonProperty
  public void setDevMode(boolean devMode) {
    this.devMode = devMode;
  }

  @JsonProperty
  public String getTemporalWebOrigin() {
    return temporalWebOrigin;
  }

  @JsonProperty
  public void setTemporalWebOrigin(String temporalWebOrigin) {
    this.temporalWebOrigin = temporalWebOrigin;
  }

  public CodecSettings settings() {
    return new CodecSettings(
        keyEncryptionKey.strip(),
        CodecSettings.splitList(retiredKeyEncryptionKeys),
        Path.of(dataDir),
        devMode);
  }

  /** The browser origin of Temporal Web, without a trailing slash; empty when none is set. */
  public Optional<String> origin() {
    if (temporalWebOrigin == null || temporalWebOrigin.isBlank()) {
      return Optional.empty();
    }
    URI uri = URI.create(temporalWebOrigin.strip());
    return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
  }
}
