package io.keyward.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.auth.CredentialsFilter;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.auth.StepUp;
import io.keyward.api.errors.JsonInputExceptionMapper;
import io.keyward.api.errors.KeywardExceptionMapper;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.generation.GenerationResource;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.rotation.RotationResource;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.api.webauthn.RelyingParty;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decision resources' own checks of what a client sends, with Dropwizard's resource test
 * support and no Temporal behind them: every bad request is a 400 (or a 401 without a person) in
 * words that name what is wrong, answered before anything would reach a workflow. The Temporal
 * client points at a port nothing listens on, so a request that got through would fail as a 5xx.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DecisionRequestsTest {
  private static final Path DATA = temporaryDirectory();
  private static final JdbcStores STORES = JdbcStores.embedded(DATA);
  private static final AuditStore AUDIT = STORES.audit();
  private static final WorkflowServiceStubs NOWHERE =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
  private static final WorkflowClient CLIENT = WorkflowClient.newInstance(NOWHERE);
  private static final Refusals REFUSALS =
      new Refusals(
          AUDIT,
          Clock.systemUTC(),
          new RefusalThrottle(100, Duration.ofMinutes(1), AUDIT, Clock.systemUTC()));

  static final ResourceExtension RESOURCES =
      ResourceExtension.builder()
          .addProvider(
              new AuthDynamicFeature(
                  new CredentialsFilter(
                      Optional.empty(),
                      Optional.of(
                          attempt ->
                              attempt.username().equals("olivia")
                                  ? Optional.of(
                                      new KeywardPrincipal(
                                          new DirectoryUser(
                                              "olivia",
                                              "Olivia Officer",
                                              "olivia@example.com",
                                              Set.of(Role.CRYPTO_OFFICER)),
                                          Clock.systemUTC().instant()))
                                  : Optional.empty()),
                      "keyward",
                      Clock.systemUTC())))
          .addProvider(new AuthValueFactoryProvider.Binder<>(KeywardPrincipal.class))
          .addProvider(new KeywardExceptionMapper())
          .addProvider(new JsonInputExceptionMapper())
          .addResource(
              new GenerationResource(
                  new GenerationCeremonies(
                      CLIENT,
                      "nowhere",
                      Duration.ofHours(72),
                      AUDIT,
                      REFUSALS,
                      TicketBinder.labelsOnly(REFUSALS),
                      new StepUp(Duration.ofMinutes(5), Clock.systemUTC()))))
          .addResource(
              new RotationResource(
                  new ManualRotations(
                      CLIENT,
                      "nowhere",
                      Duration.ofHours(72),
                      AUDIT,
                      REFUSALS,
                      Clock.systemUTC(),
                      TicketBinder.labelsOnly(REFUSALS)),
                  new SecurityKeys(
                      CLIENT,
                      "nowhere",
                      STORES.credentials(),
                      STORES.webAuthnChallenges(),
                      AUDIT,
                      REFUSALS,
                      new RelyingParty("keyward.test", List.of("https://keyward.test")),
                      Clock.systemUTC())))
          .build();

  @AfterAll
  static void close() {
    NOWHERE.shutdownNow();
    STORES.close();
  }

  @Test
  void refusesADecisionWithoutABody() {
    Response answer = asOlivia("/api/generations/kv-a/payments/decisions").post(null);

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer)).isEqualTo("a JSON request body is required");
  }

  @Test
  void refusesADecisionThatNamesNoDecision() {
    Response answer = post("/api/generations/kv-a/payments/decisions", "{\"reason\": \"ok\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer))
        .isEqualTo(
            "decision is required: one of [APPROVE, DENY, GENERATE, VERIFY, REJECT, REGISTER]");
  }

  @Test
  void refusesADecisionTheCeremonyDoesNotKnow() {
    Response answer = post("/api/generations/kv-a/payments/decisions", "{\"decision\": \"MAYBE\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer)).contains("decision").contains("MAYBE");
  }

  @Test
  void refusesAReasonLongerThanTwoThousandCharacters() {
    String reason = "x".repeat(2001);
    Response answer =
        post(
            "/api/generations/kv-a/payments/decisions",
            "{\"decision\": \"DENY\", \"reason\": \"" + reason + "\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer)).isEqualTo("reason must be at most 2000 characters, was 2001");
  }

  @Test
  void refusesAKeyNameThatIsNotOne() {
    Response answer =
        post("/api/generations/kv-a/pay%20ments.key/decisions", "{\"decision\": \"APPROVE\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer))
        .isEqualTo("key name must be 1-127 letters, digits or dashes: 'pay ments.key'");
  }

  @Test
  void refusesARescheduleToADateThatIsNotOne() {
    Response answer =
        post(
            "/api/rotations/kv-a/orders/reschedule",
            "{\"rotationDate\": \"next tuesday\", \"reason\": \"freeze\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer))
        .isEqualTo(
            "rotationDate: 'next tuesday' is not a date like 2027-03-01 or 2027-03-01T09:00:00Z");
  }

  @Test
  void refusesARescheduleIntoThePast() {
    Response answer =
        post(
            "/api/rotations/kv-a/orders/reschedule",
            "{\"rotationDate\": \"2020-01-01\", \"reason\": \"freeze\"}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer)).isEqualTo("rotationDate 2020-01-01T00:00:00Z is not in the future");
  }

  @Test
  void refusesARotationDecisionThatNamesNoDecision() {
    Response answer = post("/api/rotations/kv-a/orders/decisions", "{}");

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(message(answer)).startsWith("decision is required: one of [");
  }

  @Test
  void answersSomeoneNotSignedInWith401() {
    Response answer =
        RESOURCES
            .target("/api/generations/kv-a/payments/decisions")
            .request()
            .post(Entity.json("{\"decision\": \"APPROVE\"}"));

    assertThat(answer.getStatus()).isEqualTo(401);
  }

  private static Response post(String path, String json) {
    return asOlivia(path).post(Entity.entity(json, MediaType.APPLICATION_JSON));
  }

  private static Invocation.Builder asOlivia(String path) {
    String credentials =
        Base64.getEncoder().encodeToString("olivia:any-password".getBytes(StandardCharsets.UTF_8));
    return RESOURCES
        .target(path)
        .request(MediaType.APPLICATION_JSON)
        .header("Authorization", "Basic " + credentials);
  }

  @SuppressWarnings("unchecked")
  private static String message(Response answer) {
    return (String) answer.readEntity(Map.class).get("message");
  }

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("decision-requests");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
