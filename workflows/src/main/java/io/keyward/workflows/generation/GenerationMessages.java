package io.keyward.workflows.generation;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.policy.RotationRule;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a generation ceremony says: its notice, the memo's summary, the sentences of its timeline
 * and outcome, and the details of its audit events. Identifiers and public facts only; never the
 * justification (beyond the request's own audit event) or key material.
 */
public final class GenerationMessages {
  private GenerationMessages() {}

  /** Announces an open approval to the approvers, while the ceremony waits for it. */
  public static Notification approvalWaiting(GenerationState state, String subject) {
    GenerationRequest request = state.request();
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.INFO,
        subject,
        "Approval needed: " + request.classification() + " key " + request.key(),
        request.requester().id()
            + " requests a "
            + request.spec().describe()
            + " key"
            + (request.ticket() == null ? "" : " (" + request.ticket() + ")")
            + ". Quorum "
            + state.policy().quorumText()
            + " from "
            + new TreeSet<>(state.awaitingRoles())
            + ", due "
            + state.stepDeadline()
            + ".",
        null,
        NoticeAction.decisionOn(request.classification()));
  }

  /** The memo's one line, e.g. {@code RSA-3072 SECRET key v/k requested by ana: AWAITING_...}. */
  public static String summary(GenerationState state) {
    GenerationRequest request = state.request();
    return request.spec().describe()
        + " "
        + request.classification()
        + " key "
        + request.key()
        + " requested by "
        + request.requester().id()
        + ": "
        + state.phase()
        + (state.awaitingRoles().isEmpty() ? "" : ", waiting for " + state.awaitingRoles());
  }

  /** Why the key's name cannot be used: the provider holds versions this ceremony did not make. */
  public static String nameTaken(KeyRef key, List<KeyVersionInfo> existing) {
    return key
        + " already exists in "
        + existing.get(0).provider()
        + " with "
        + existing.size()
        + " version(s) this ceremony did not make (made by hand, imported, or left disabled by"
        + " an earlier ceremony): rotate or retire that key, or request one under another"
        + " name";
  }

  /** The protection the version has, and whether it falls below what the policy requires. */
  public static String protectionNote(KeyVersionInfo version, ProtectionLevel required) {
    return required.isSatisfiedBy(version.protection())
        ? "protection " + version.protection()
        : "protection "
            + version.protection()
            + " below the required "
            + required
            + ", allowed by the deployment's dev mode";
  }

  public static String lifecycleStarted(String usage, RotationRule rule, boolean started) {
    return started
        ? usage + ": rotation every " + rule.interval()
        : "the key already had a lifecycle";
  }

  public static String lifecycleNotStarted(String why) {
    return "not started (" + why + "); the weekly reconciliation enrols the key before it is due";
  }

  public static Map<String, String> requestDetails(GenerationState state) {
    GenerationRequest request = state.request();
    return AuditDetails.create()
        .with("key", request.key())
        .with("spec", request.spec().describe())
        .with("classification", request.classification().name())
        .with("quorum", state.policy().quorumText())
        .with("ticket", request.ticket())
        .build();
  }

  /** A decision's audit details; {@code signature} what its assertion adds (may be empty). */
  public static Map<String, String> decisionDetails(
      Decision decision, GenerationPhase phase, Map<String, String> signature) {
    AuditDetails details =
        AuditDetails.create()
            .with("decision", decision.type().name())
            .with("phase", phase.name())
            .with("reason", decision.reason());
    signature.forEach(details::with);
    return details.build();
  }
}
