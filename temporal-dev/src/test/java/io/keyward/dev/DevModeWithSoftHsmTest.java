package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.config.ProvidersFile;
import io.keyward.activities.hsm.pkcs11.Pkcs11Pin;
import io.keyward.activities.hsm.pkcs11.SoftHsm;
import io.keyward.activities.hsm.pkcs11.TokenListing;
import io.keyward.worker.KeywardActivities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Dev mode on a laptop with a SoftHSM2 token, set up as docs/providers.md says: a providers file
 * with the software keystore and the token named by its label for {@code DEDICATED_HSM}, the PIN in
 * {@code KEYWARD_PKCS11_PIN}. The real Temporal dev server, the worker and the API run the
 * ceremonies the demo users drive over HTTP; the token is then read from outside Keyward with
 * OpenSC's {@code pkcs11-tool}.
 */
class DevModeWithSoftHsmTest {
  private static final String HSM = "dedicated-hsm";
  private static final String ULTRA_KEY = "hsm-ultra-dev/root-ca-key";
  private static final String CONFIDENTIAL_KEY = "kv-confidential-dev/api-signing-key";

  private static SoftHsm softHsm;

  @TempDir Path dataDir;
  private Path cli;

  @BeforeAll
  static void token() {
    softHsm = SoftHsm.shared();
  }

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void makesUltraKeysInTheTokenAndLeavesSoftwareOnlyTheLevelsNoProviderIsSetUpFor()
      throws Exception {
    Map<String, String> environment =
        Map.of(
            ProvidersFile.ENV, providersFile().toString(),
            Pkcs11Pin.DEFAULT_ENV, softHsm.main().pin());
    List<String> startLog = new ArrayList<>();

    try (LocalKeyward keyward = startCapturingLog(environment, startLog)) {
      // The start log shows the real mapping: the token serves the level it is set up for; software
      // stands in for the HSM levels no provider is set up for, and says so.
      assertThat(startLog)
          .contains(
              "Key providers by protection level: DEDICATED_HSM -> dedicated-hsm, MANAGED_HSM ->"
                  + " software (development stand-in), PREMIUM_KEY_VAULT_HSM -> software"
                  + " (development stand-in), STANDARD_KEY_VAULT -> software, ANY -> software");
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());

      // ULTRA (runbook 3.3): three of the executives and crypto officers approve.
      // Every ULTRA decision is signed by the decider's own security key, enrolled beforehand.
      Map<String, SecurityKeyOverHttp> keys = new HashMap<>();
      String origin = keyward.apiUri().toString().replaceAll("/$", "");
      SecurityKeyOverHttp lenas = SecurityKeyOverHttp.bootstrapLead(api, "lena", origin, keyward);
      for (String person : List.of("olivia", "carol", "tom", "kim", "kai", "sam")) {
        keys.put(person, SecurityKeyOverHttp.enrol(api, person, origin, "lena", lenas));
      }
      GenerationOverHttp ultra =
          request(api, ULTRA_KEY, "ULTRA", Map.of("type", "EC", "curve", "P_521"), keys);
      ultra.decide("olivia", "APPROVE");
      ultra.decide("carol", "APPROVE");
      ultra.decide("tom", "APPROVE");
      JsonNode ultraVersion = register(ultra);

      assertThat(ultraVersion.path("provider").asText()).isEqualTo(HSM);
      assertThat(ultraVersion.path("protection").asText()).isEqualTo("DEDICATED_HSM");
      assertThat(ultraVersion.path("curve").asText()).isEqualTo("P_521");
      String alias = "keyward/" + ULTRA_KEY + "/" + ultraVersion.path("version").asText();
      List<TokenListing.TokenObject> inToken =
          TokenListing.parse(softHsm.pkcs11Tool("--list-objects")).mentioning(alias);
      assertThat(inToken)
          .as("the token's objects of " + alias)
          .filteredOn(TokenListing.TokenObject::isPrivateKey)
          .singleElement()
          .satisfies(
              key -> assertThat(key.sensitiveAndNeverExtractable()).as(key.access()).isTrue());

      // CONFIDENTIAL asks for a Premium Key Vault HSM, which nothing here is set up as: software
      // stands in for it, as dev mode always did, and the token keeps only what it is meant for.
      GenerationOverHttp confidential =
          request(api, CONFIDENTIAL_KEY, "CONFIDENTIAL", Map.of("type", "EC", "curve", "P_384"));
      confidential.decide("olivia", "APPROVE");
      JsonNode confidentialVersion = register(confidential);

      assertThat(confidentialVersion.path("provider").asText()).isEqualTo("software");
      assertThat(confidentialVersion.path("protection").asText()).isEqualTo("STANDARD_KEY_VAULT");
      assertThat(
              TokenListing.parse(softHsm.pkcs11Tool("--list-objects"))
                  .mentioning("keyward/" + CONFIDENTIAL_KEY + "/"))
          .isEmpty();
    }
  }

  private LocalKeyward startCapturingLog(Map<String, String> environment, List<String> lines)
      throws Exception {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    List<Logger> loggers =
        List.of(
            (Logger) LoggerFactory.getLogger(KeywardActivities.class),
            (Logger) LoggerFactory.getLogger(ProviderRouting.class));
    appender.start();
    loggers.forEach(logger -> logger.addAppender(appender));
    try {
      return LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), environment);
    } finally {
      loggers.forEach(logger -> logger.detachAppender(appender));
      appender.list.forEach(event -> lines.add(event.getFormattedMessage()));
    }
  }

  /** The providers file of the doc's SoftHSM2 recipe, naming the test's token by its label. */
  private Path providersFile() throws Exception {
    return Files.writeString(
        dataDir.resolve("providers.yml"),
        "providers:\n"
            + "  - type: software\n"
            + "  - type: pkcs11\n"
            + "    name: "
            + HSM
            + "\n"
            + "    library: "
            + SoftHsm.LIBRARY
            + "\n"
            + "    tokenLabel: "
            + SoftHsm.MAIN_TOKEN
            + "\n");
  }

  private static GenerationOverHttp request(
      DemoUserHttp api, String key, String classification, Map<String, Object> curve)
      throws Exception {
    return request(api, key, classification, curve, Map.of());
  }

  private static GenerationOverHttp request(
      DemoUserHttp api,
      String key,
      String classification,
      Map<String, Object> curve,
      Map<String, SecurityKeyOverHttp> keys)
      throws Exception {
    String[] vaultAndName = key.split("/");
    Map<String, Object> spec = new HashMap<>(curve);
    spec.put("operations", List.of("SIGN", "VERIFY"));
    DemoUserHttp.Answer requested =
        api.post(
            "alice",
            "/api/generations",
            Map.of(
                "vault",
                vaultAndName[0],
                "name",
                vaultAndName[1],
                "classification",
                classification,
                "spec",
                spec,
                "justification",
                "Trying " + classification + " keys in dev mode with SoftHSM2"));
    assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
    return new GenerationOverHttp(api, key, requested.body().path("runId").asText(), keys);
  }

  /** Custodian 1 generates, custodian 2 verifies, security registers; the registered version. */
  private static JsonNode register(GenerationOverHttp ceremony) throws Exception {
    ceremony.awaitPhase("AWAITING_GENERATION");
    ceremony.decide("kim", "GENERATE");
    ceremony.awaitPhase("AWAITING_VERIFICATION");
    ceremony.decide("kai", "VERIFY");
    ceremony.awaitPhase("AWAITING_REGISTRATION");
    ceremony.decide("sam", "REGISTER");
    return ceremony.awaitPhase("REGISTERED").body().path("keyVersion");
  }
}
