package io.keyward.ui.generation;

import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationPhase;
import java.util.List;

/** The words and buttons of each phase of a generation ceremony, as the pages show them. */
final class GenerationSteps {
  private GenerationSteps() {}

  static String describe(GenerationPhase phase) {
    return switch (phase) {
      case AWAITING_APPROVAL -> "Waiting for approval";
      case AWAITING_GENERATION -> "Approved: waiting for key custodian 1 to generate the key";
      case GENERATING -> "Generating the key";
      case AWAITING_VERIFICATION -> "Generated: waiting for key custodian 2 to verify and activate";
      case ACTIVATING -> "Activating the key";
      case AWAITING_REGISTRATION -> "Active: waiting for security to validate and register";
      case REGISTERING -> "Validating compliance and registering";
      case REGISTERED -> "Registered";
      case DENIED -> "Denied";
      case REJECTED -> "Rejected by custodian 2";
      case EXPIRED -> "Expired";
      case FAILED -> "Failed";
    };
  }

  /** The step in the inbox's words, e.g. "Approve a key generation". */
  static String task(GenerationPhase phase) {
    return switch (phase) {
      case AWAITING_APPROVAL -> "Approve a key generation";
      case AWAITING_GENERATION -> "Generate an approved key (custodian 1)";
      case AWAITING_VERIFICATION -> "Verify and activate a generated key (custodian 2)";
      case AWAITING_REGISTRATION -> "Validate and register a key (security)";
      default -> "Key generation " + phase;
    };
  }

  static List<Action> actions(GenerationPhase phase) {
    return switch (phase) {
      case AWAITING_APPROVAL ->
          List.of(
              new Action(DecisionType.APPROVE, "Approve", false),
              new Action(DecisionType.DENY, "Deny", true));
      case AWAITING_GENERATION -> List.of(new Action(DecisionType.GENERATE, "Generate key", false));
      case AWAITING_VERIFICATION ->
          List.of(
              new Action(DecisionType.VERIFY, "Verify and activate", false),
              new Action(DecisionType.REJECT, "Reject", true));
      case AWAITING_REGISTRATION ->
          List.of(new Action(DecisionType.REGISTER, "Validate and register", false));
      default -> List.of();
    };
  }

  /** What a person has done, for the notice after a decision, e.g. "You approved". */
  static String done(DecisionType decision) {
    return switch (decision) {
      case APPROVE -> "You approved this request.";
      case DENY -> "You denied this request.";
      case GENERATE -> "You ordered the key's generation.";
      case VERIFY -> "You verified the key's attributes; it is being activated.";
      case REJECT -> "You rejected the generated key; it stays disabled.";
      case REGISTER -> "You ordered the compliance validation and registration.";
    };
  }

  /**
   * A button of the decision form; {@code needsReason} marks the ones that refuse an empty reason.
   */
  record Action(DecisionType decision, String label, boolean needsReason) {}
}
