package io.keyward.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.keyward.api.config.CeremonyFactory;
import io.keyward.api.config.CodecFactory;
import io.keyward.api.config.DatabaseFactory;
import io.keyward.api.config.DirectoryFactory;
import io.keyward.api.config.IdentityFactory;
import io.keyward.api.config.SigningFactory;
import io.keyward.api.config.TemporalFactory;
import io.keyward.api.config.UiFactory;
import io.keyward.api.config.WebAuthnFactory;
import io.keyward.api.servicenow.ServiceNowFactory;
import io.keyward.api.slack.SlackFactory;
import io.keyward.workflows.stores.StoreSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * Keyward's API configuration, one validated section per concern. Secrets never go into this file:
 * they come from the environment (see {@code config/keyward.yml}).
 */
public class KeywardConfiguration extends Configuration {
  @Valid @NotNull private TemporalFactory temporal = new TemporalFactory();

  @Valid @NotNull private CodecFactory codec = new CodecFactory();

  @Valid @NotNull private SigningFactory signing = new SigningFactory();

  @Valid @NotNull private DirectoryFactory directory = new DirectoryFactory();

  @Valid @NotNull private IdentityFactory identity = new IdentityFactory();

  @Valid @NotNull private DatabaseFactory database = new DatabaseFactory();

  @Valid @NotNull private CeremonyFactory ceremony = new CeremonyFactory();

  @Valid @NotNull private UiFactory ui = new UiFactory();

  @Valid @NotNull private ServiceNowFactory servicenow = new ServiceNowFactory();

  @Valid @NotNull private SlackFactory slack = new SlackFactory();

  @Valid @NotNull private WebAuthnFactory webauthn = new WebAuthnFactory();

  @JsonProperty("temporal")
  public TemporalFactory getTemporal() {
    return temporal;
  }

  @JsonProperty("temporal")
  public void setTemporal(TemporalFactory temporal) {
    this.temporal = temporal;
  }

  @JsonProperty("codec")
  public CodecFactory getCodec() {
    return codec;
  }

  @JsonProperty("codec")
  public void setCodec(CodecFactory codec) {
    this.codec = codec;
  }

  @JsonProperty("signing")
  public SigningFactory getSigning() {
    return signing;
  }

  @JsonProperty("signing")
  public void setSigning(SigningFactory signing) {
    this.signing = signing;
  }

  @JsonProperty("directory")
  public DirectoryFactory getDirectory() {
    return directory;
  }

  @JsonProperty("directory")
  public void setDirectory(DirectoryFactory directory) {
    this.directory = directory;
  }

  @JsonProperty("identity")
  public IdentityFactory getIdentity() {
    return identity;
  }

  @JsonProperty("identity")
  public void setIdentity(IdentityFactory identity) {
    this.identity = identity;
  }

  /**
   * Checked when the configuration is read: people sign in through an identity provider or a users
   * file, never through a default.
   */
  @JsonIgnore
  @AssertTrue(
      message =
          "names no identity source: set identity.oidc.issuer (KEYWARD_OIDC_ISSUER) or"
              + " directory.usersFile (KEYWARD_USERS_FILE), or directory.demoUsers: true on a"
              + " laptop, whose demo passwords are public")
  public boolean isIdentitySourceNamed() {
    return identity.getOidc().isConfigured() || directory.namesUsers();
  }

  @JsonProperty("database")
  public DatabaseFactory getDatabase() {
    return database;
  }

  @JsonProperty("database")
  public void setDatabase(DatabaseFactory database) {
    this.database = database;
  }

  @JsonProperty("ceremony")
  public CeremonyFactory getCeremony() {
    return ceremony;
  }

  @JsonProperty("ceremony")
  public void setCeremony(CeremonyFactory ceremony) {
    this.ceremony = ceremony;
  }

  @JsonProperty("ui")
  public UiFactory getUi() {
    return ui;
  }

  @JsonProperty("ui")
  public void setUi(UiFactory ui) {
    this.ui = ui;
  }

  @JsonProperty("servicenow")
  public ServiceNowFactory getServicenow() {
    return servicenow;
  }

  @JsonProperty("servicenow")
  public void setServicenow(ServiceNowFactory servicenow) {
    this.servicenow = servicenow;
  }

  @JsonProperty("webauthn")
  public WebAuthnFactory getWebauthn() {
    return webauthn;
  }

  @JsonProperty("webauthn")
  public void setWebauthn(WebAuthnFactory webauthn) {
    this.webauthn = webauthn;
  }

  @JsonProperty("slack")
  public SlackFactory getSlack() {
    return slack;
  }

  @JsonProperty("slack")
  public void setSlack(SlackFactory slack) {
    this.slack = slack;
  }

  /**
   * Where the stores are: the {@code database} and {@code directory} sections, with the secrets
   * they name read from {@code environment} or the files they name.
   */
  public StoreSettings stores(Map<String, String> environment) {
    return new StoreSettings(
        database.settings(environment), directory.getUsersFile(), directory.isDemoUsers());
  }
}
