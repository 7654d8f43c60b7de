package io.keyward.api.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.api.TwoReplicas;
import io.keyward.workflows.webauthn.CredentialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two running applications on one database, as two API replicas behind a load balancer without
 * sticky sessions: a security key's registration begun at one replica finishes at the other, once,
 * and only for the person who began it.
 */
class RegistrationAcrossReplicasTest {
  private static final String ORIGIN = "http://localhost";

  @RegisterExtension final TwoReplicas replicas = new TwoReplicas();

  @Test
  void aRegistrationBegunAtOneReplicaFinishesAtTheOtherOnce() throws Exception {
    SoftwareSecurityKey key = new SoftwareSecurityKey();
    RunningKeyward.Reply options =
        replicas.first().post("kai", "/api/security-keys/registration-options", "");
    assertThat(options.status()).isEqualTo(200);
    String registration =
        key.registration(
            options.body().get("challenge").asText(), options.body().get("rpId").asText(), ORIGIN);

    RunningKeyward.Reply registered =
        replicas.second().post("kai", "/api/security-keys", registration);

    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
    assertThat(registered.body().get("state").asText()).isEqualTo("PENDING");
    assertThat(
            replicas.first().stores().credentials().find(key.credentialId()).orElseThrow().state())
        .isEqualTo(CredentialState.PENDING);

    RunningKeyward.Reply again = replicas.first().post("kai", "/api/security-keys", registration);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().get("message").asText())
        .contains("no registration was begun in the last five minutes");
  }

  @Test
  void aRegistrationOverAnotherPersonsChallengeIsRefusedAndLeavesTheirsOpen() throws Exception {
    RunningKeyward.Reply kais =
        replicas.first().post("kai", "/api/security-keys/registration-options", "");
    RunningKeyward.Reply kims =
        replicas.first().post("kim", "/api/security-keys/registration-options", "");
    String kaisChallenge = kais.body().get("challenge").asText();
    SoftwareSecurityKey kimsKey = new SoftwareSecurityKey();

    RunningKeyward.Reply overKais =
        replicas
            .second()
            .post(
                "kim",
                "/api/security-keys",
                kimsKey.registration(kaisChallenge, "localhost", ORIGIN));

    assertThat(overKais.status()).isEqualTo(400);
    assertThat(overKais.body().get("message").asText())
        .startsWith("the security key's registration does not verify");
    assertThat(replicas.second().stores().credentials().ofPerson("kim")).isEmpty();

    SoftwareSecurityKey kaisKey = new SoftwareSecurityKey();
    RunningKeyward.Reply kaiFinishes =
        replicas
            .second()
            .post(
                "kai",
                "/api/security-keys",
                kaisKey.registration(kaisChallenge, "localhost", ORIGIN));
    assertThat(kaiFinishes.status()).as(kaiFinishes.body().toString()).isEqualTo(200);
    assertThat(kims.status()).isEqualTo(200);
  }
}
