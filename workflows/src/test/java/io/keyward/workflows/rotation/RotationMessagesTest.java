package io.keyward.workflows.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a manual rotation says for a given state: memo, notices, timeline and audit details. */
class RotationMessagesTest {
  private static final KeyRef KEY = new KeyRef("payments-kv", "card-key");
  private static final Instant T = Instant.parse("2027-03-01T09:00:00Z");
  private static final Actor ANA = new Actor("ana", Set.copyOf(RotationRoles.REQUESTERS));

  /** A rotation of a CONFIDENTIAL application key, its facts read from the key register. */
  private static ManualRotation rotation() {
    ManualRotation rotation =
        new ManualRotation(new RotationRequest(KEY, T, "yearly rotation", ANA, "CHG0042", null));
    rotation.facts(
        new KeyPolicy(
            KEY,
            Classification.CONFIDENTIAL,
            KeyUsage.APPLICATION,
            new KeyOwner(null, "ana"),
            true,
            null));
    return rotation;
  }

  @Test
  void theApprovalNoticeOfAnUltraKeysRotationOffersNoAnswerInChat() {
    ManualRotation ultra =
        new ManualRotation(new RotationRequest(KEY, T, "yearly rotation", ANA, null, null));
    ultra.facts(
        new KeyPolicy(
            KEY,
            Classification.ULTRA,
            KeyUsage.APPLICATION,
            new KeyOwner(null, "ana"),
            true,
            null));

    assertThat(RotationMessages.approvalNeeded(ultra.snapshot(), "rotation/x").action())
        .as("its decisions are signed by a security key on the rotation's page")
        .isNull();
    assertThat(RotationMessages.approvalNeeded(rotation().snapshot(), "rotation/x").action())
        .isEqualTo(NoticeAction.APPROVE_OR_DENY);
  }

  @Test
  void theSummaryNamesKeyDatePersonAndPhase() {
    assertThat(RotationMessages.summary(rotation().snapshot()))
        .isEqualTo(
            "Application key payments-kv/card-key (CONFIDENTIAL) rotation on "
                + T
                + " requested by ana: SCHEDULED");
  }

  @Test
  void theRequestsAuditDetailsNameTheRuleAndTicketButNotTheJustification() {
    Map<String, String> details = RotationMessages.requestDetails(rotation().snapshot());

    assertThat(details)
        .containsEntry("key", KEY.toString())
        .containsEntry("usage", "APPLICATION")
        .containsEntry("rotationDate", T.toString())
        .containsEntry("ticket", "CHG0042")
        .containsKey("approvals");
    assertThat(details.values()).doesNotContain("yearly rotation");
  }

  @Test
  void plannedNoticesGoToEachApplicationAndTheChannel() {
    List<Notification> notices =
        RotationMessages.planned(
            rotation().snapshot(),
            List.of(new KeyDependent("checkout", "bo", "#checkout")),
            "rotation/payments-kv/card-key");

    assertThat(notices).hasSize(2);
    assertThat(notices)
        .allSatisfy(n -> assertThat(n.topic()).isEqualTo(NotificationTopic.ROTATIONS));
    assertThat(notices.get(0).title()).isEqualTo("Key rotation planned: " + KEY);
    assertThat(notices.get(0).text())
        .startsWith("checkout (owner bo, contact #checkout) uses " + KEY)
        .contains("rotation planned for " + T + " (runbook 6.3)");
    assertThat(notices.get(1).text()).endsWith("applications: checkout");
    assertThat(notices.get(1).link()).isEqualTo("/api/rotations/payments-kv/card-key");
  }

  @Test
  void theChecksLineSaysWhetherTheBackupNeedsAPerson() {
    PreRotationChecks verified =
        new PreRotationChecks(
            T, "v1", List.of(), List.of("no owner"), new BackupCheck(true, 1, "restored"), 1);
    PreRotationChecks toConfirm =
        verified.withBackup(BackupCheck.needsConfirmation("HSM partition backup"));

    assertThat(RotationMessages.checksLine(verified))
        .isEqualTo("0 dependent(s), 1 dependency finding(s), backup verified");
    assertThat(RotationMessages.checksLine(toConfirm))
        .endsWith(
            "backup to be confirmed by a crypto officer or key custodian: HSM partition backup");
    assertThat(RotationMessages.checksDetails(toConfirm))
        .containsEntry("backupVerified", "false")
        .containsEntry("backupConfirmationNeeded", "true")
        .containsEntry("dependencyFindings", "no owner")
        .containsEntry("stakeholdersNotified", "1");
    assertThat(RotationMessages.checksDetails(verified))
        .doesNotContainKey("backupConfirmationNeeded");
  }

  @Test
  void aRemindersTitleSaysWhatIsAwaited() {
    Notification reminder =
        RotationMessages.reminder(rotation().snapshot(), "s", "the security monitoring review");

    assertThat(reminder.title())
        .isEqualTo("Reminder: key rotation waits for the security monitoring review: " + KEY);
    assertThat(reminder.text())
        .isEqualTo("still waiting for the security monitoring review; roles: []");
    assertThat(reminder.action()).isNull();
  }

  @Test
  void aCancellationNamesWhoAndWhy() {
    assertThat(RotationMessages.cancelled(new Cancellation(ANA, "application retired")))
        .isEqualTo("cancelled by ana: application retired");
  }
}
