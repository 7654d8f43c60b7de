package io.keyward.ui.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.rotation.ManualRotation;
import io.keyward.workflows.rotation.PreRotationChecks;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.rotation.RotationPhase;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationStepsTest {
  private static final Instant T = Instant.parse("2027-03-01T09:00:00Z");
  private static final Actor SAM = new Actor("sam", Set.of(Role.SECURITY_ENGINEER));
  private static final Actor KIM = new Actor("kim", Set.of(Role.KEY_CUSTODIAN));
  private static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));

  @Test
  void aBackupInTheHsmIsConfirmedByWhoBacksKeysUpAndReviewedByTheSecurityTeam() {
    RotationState review = atReview(BackupCheck.needsConfirmation("kv-prod/tde lives in the HSM"));

    assertThat(decisions(review, KIM)).containsExactly(RotationDecisionType.CONFIRM_BACKUP);
    assertThat(decisions(review, SAM))
        .containsExactly(
            RotationDecisionType.APPROVE_REVIEW,
            RotationDecisionType.RECHECK,
            RotationDecisionType.REJECT_REVIEW);
    assertThat(decisions(review, ALICE)).isEmpty();
    assertThat(RotationSteps.task(review, KIM))
        .isEqualTo("Confirm the backup of a key before its rotation");
    assertThat(RotationSteps.task(review, SAM))
        .isEqualTo("Review a planned key rotation (security)");
  }

  @Test
  void aConfirmedOrRestoredBackupAsksNoConfirmation() {
    RotationState confirmed =
        atReview(
            BackupCheck.needsConfirmation("kv-prod/tde lives in the HSM").confirmed("kim", "ok"));
    RotationState restored = atReview(new BackupCheck(true, 1, "restored"));

    assertThat(decisions(confirmed, KIM)).isEmpty();
    assertThat(decisions(restored, KIM)).isEmpty();
    assertThat(decisions(restored, SAM)).contains(RotationDecisionType.APPROVE_REVIEW);
  }

  @Test
  void theReviewerReadsWhoConfirmedTheBackupOrThatItWaits() {
    BackupCheck inHsm = BackupCheck.needsConfirmation("kv-prod/tde lives in the HSM");

    assertThat(RotationView.backup(inHsm))
        .isEqualTo(
            "waits for a crypto officer or key custodian to confirm it (kv-prod/tde lives in the"
                + " HSM)");
    assertThat(RotationView.backup(inHsm.confirmed("kim", "partition backup synced")))
        .startsWith("confirmed by kim (")
        .endsWith("confirmed by kim: partition backup synced)");
    assertThat(RotationView.backup(new BackupCheck(false, 0, "restore failed")))
        .isEqualTo("NOT verified (restore failed)");
  }

  private static List<RotationDecisionType> decisions(RotationState state, Actor viewer) {
    return RotationSteps.actions(state, viewer).stream()
        .map(RotationSteps.Action::decision)
        .toList();
  }

  private static RotationState atReview(BackupCheck backup) {
    KeyRef key = new KeyRef("kv-prod", "tde");
    ManualRotation rotation =
        new ManualRotation(new RotationRequest(key, T, "yearly", ALICE, null, null));
    rotation.facts(
        new KeyPolicy(
            key,
            Classification.SECRET,
            KeyUsage.DATABASE_TDE,
            new KeyOwner(null, "alice"),
            true,
            null));
    rotation.checks(new PreRotationChecks(T, "v1", List.of(), List.of(), backup, 0));
    rotation.moveTo(RotationPhase.AWAITING_SECURITY_REVIEW, T.plusSeconds(3600));
    return rotation.snapshot();
  }
}
