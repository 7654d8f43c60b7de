package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.keyward.api.identity.ClaimsMapping;
import io.keyward.api.identity.OidcProvider;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretFiles;
import io.keyward.workflows.integration.SecretSource;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@code identity.oidc} section: the company's OpenID Connect provider (Microsoft Entra ID, or
 * any other), used for the web pages' sign-in (authorization code with PKCE) and for the API's
 * bearer tokens. Unset while {@code issuer} is empty. A person's Keyward id comes from the claim
 * {@code idClaim}; their roles from the values of {@code rolesClaim} (Entra ID app roles: {@code
 * roles}; group ids: {@code groups}) through {@code roles}, which maps each value to Keyward roles.
 * The client secret comes from the environment variable {@code clientSecretVariable} or the file
 * {@code clientSecretFile}, never from this file; without either the client is a public one and
 * relies on PKCE alone.
 */
public class OidcFactory {
  private String issuer;
  private String clientId;
  private String audience;
  private URI redirectUri;
  private Path clientSecretFile;
  @NotEmpty private String clientSecretVariable = "KEYWARD_OIDC_CLIENT_SECRET";
  @NotEmpty private String idClaim = "sub";
  @NotEmpty private String rolesClaim = "roles";
  @NotNull private Map<String, Set<Role>> roles = new LinkedHashMap<>();
  @NotEmpty private List<String> scopes = List.of("openid", "profile", "email");

  @NotNull
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  private Duration clockSkew = Duration.seconds(60);

  /** Whether an issuer is named: only then is OpenID Connect on. */
  @JsonIgnore
  public boolean isConfigured() {
    return issuer != null && !issuer.isBlank();
  }

  /** Checked when the configuration is read: an issuer needs a client and a role mapping. */
  @JsonIgnore
  @AssertTrue(
      message =
          "names an issuer that is no absolute URI, or no clientId or no roles: set clientId"
              + " (KEYWARD_OIDC_CLIENT_ID) and map at least one value of the roles claim to"
              + " Keyward roles")
  public boolean isComplete() {
    if (!isConfigured()) {
      return true;
    }
    try {
      return clientId != null
          && !clientId.isBlank()
          && !roles.isEmpty()
          && URI.create(issuer.strip()).isAbsolute();
    } catch (IllegalArgumentException notAUri) {
      return false;
    }
  }

  /** The provider, when an issuer is named; reads the client secret from {@code environment}. */
  public Optional<OidcProvider> build(Map<String, String> environment, SecretFiles files) {
    if (!isConfigured()) {
      return Optional.empty();
    }
    Optional<Secret> secret =
        new SecretSource("the OpenID Connect client secret", clientSecretVariable, clientSecretFile)
            .resolve(environment, files);
    return Optional.of(
        new OidcProvider(
            URI.create(issuer.strip()),
            clientId.strip(),
            secret,
            audience == null || audience.isBlank() ? clientId.strip() : audience.strip(),
            redirectUri == null || redirectUri.toString().isBlank() ? null : redirectUri,
            scopes,
            clockSkew.toJavaDuration(),
            new ClaimsMapping(idClaim, rolesClaim, roles)));
  }

  @JsonProperty
  public String getIssuer() {
    return issuer;
  }

  @JsonProperty
  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  @JsonProperty
  public String getClientId() {
    return clientId;
  }

  @JsonProperty
  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  /** The audience the API's bearer tokens must name; the client id when unset. */
  @JsonProperty
  public String getAudience() {
    return audience;
  }

  @JsonProperty
  public void setAudience(String audience) {
    this.audience = audience;
  }

  /**
   * Where the provider sends the browser back, as registered with it ({@code
   * https://keyward.example.com/ui/sign-in/oidc/callback}); when unset, the address the browser
   * used.
   */
  @JsonProperty
  public URI getRedirectUri() {
    return redirectUri;
  }

  @JsonProperty
  public void setRedirectUri(URI redirectUri) {
    this.redirectUri = redirectUri;
  }

  @JsonProperty
  public Path getClientSecretFile() {
    return clientSecretFile;
  }

  @JsonProperty
  public void setClientSecretFile(Path clientSecretFile) {
    this.clientSecretFile = clientSecretFile;
  }

  @JsonProperty
  public String getClientSecretVariable() {
    return clientSecretVariable;
  }

  @JsonProperty
  public void setClientSecretVariable(String clientSecretVariable) {
    this.clientSecretVariable = clientSecretVariable;
  }

  @JsonProperty
  public String getIdClaim() {
    return idClaim;
  }

  @JsonProperty
  public void setIdClaim(String idClaim) {
    this.idClaim = idClaim;
  }

  @JsonProperty
  public String getRolesClaim() {
    return rolesClaim;
  }

  @JsonProperty
  public void setRolesClaim(String rolesClaim) {
    this.rolesClaim = rolesClaim;
  }

  @JsonProperty
  public Map<String, Set<Role>> getRoles() {
    return roles;
  }

  @JsonProperty
  public void setRoles(Map<String, Set<Role>> roles) {
    this.roles = roles;
  }

  @JsonProperty
  public List<String> getScopes() {
    return scopes;
  }

  @JsonProperty
  public void setScopes(List<String> scopes) {
    this.scopes = scopes;
  }

  @JsonProperty
  public Duration getClockSkew() {
    return clockSkew;
  }

  @JsonProperty
  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }
}
