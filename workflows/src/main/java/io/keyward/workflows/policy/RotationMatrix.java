package io.keyward.workflows.policy;

import static io.keyward.workflows.common.Role.BOARD_MEMBER;
import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;
import static io.keyward.workflows.common.Role.TEAM_LEAD;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rotation schedule matrix of runbook 6.1 and the lifetime actions of 6.2 as data.
 *
 * <p>Intervals take the lower bound where the runbook gives a range (root CA 10-15 years: 10;
 * intermediate CA 3-5 years: 3). "System" approval means no person approves an automatic rotation;
 * a manual rotation of such a key still needs a second person entitled to rotate keys (runbook 4.2:
 * crypto officer or key custodian).
 */
public final class RotationMatrix {
  /** Lifetime action "Rotate": 30 days before the version expires (runbook 6.2). */
  public static final Duration ROTATE_BEFORE_EXPIRY = Duration.ofDays(30);

  /** Lifetime action "Notify": 7 days before the version expires (runbook 6.2). */
  public static final Duration NOTIFY_BEFORE_EXPIRY = Duration.ofDays(7);

  /** A version without an expiry is treated as expiring this long after it was created. */
  public static final Period DEFAULT_EXPIRY = Period.ofYears(1);

  /** The usage of a key that names none: an application key, rotating yearly (P1Y). */
  public static final KeyUsage DEFAULT_USAGE = KeyUsage.APPLICATION;

  private static final ApprovalSlot EXECUTIVE =
      new ApprovalSlot("executive", Set.of(CEO, CTO, CISO));
  private static final ApprovalSlot BOARD = new ApprovalSlot("board", Set.of(BOARD_MEMBER));
  private static final ApprovalSlot C_LEVEL = new ApprovalSlot("C-level", Set.of(CEO, CTO, CISO));
  private static final ApprovalSlot TEAM_LEAD_SLOT =
      new ApprovalSlot("team lead", Set.of(TEAM_LEAD));
  private static final ApprovalSlot SECURITY_TEAM =
      new ApprovalSlot("security team", Set.of(SECURITY_TEAM_LEAD, SECURITY_ENGINEER));
  private static final ApprovalSlot SECOND_ROTATOR =
      new ApprovalSlot(
          "second crypto officer or key custodian", Set.of(CRYPTO_OFFICER, KEY_CUSTODIAN));

  private static final Map<KeyUsage, RotationRule> RULES = new EnumMap<>(KeyUsage.class);

  static {
    put(
        KeyUsage.ROOT_CA,
        Classification.ULTRA,
        Period.ofYears(10),
        RotationMethod.MANUAL,
        List.of(EXECUTIVE, BOARD),
        "Executive + Board");
    put(
        KeyUsage.INTERMEDIATE_CA,
        Classification.SECRET,
        Period.ofYears(3),
        RotationMethod.MANUAL,
        List.of(C_LEVEL),
        "C-Level");
    put(
        KeyUsage.TLS_CERTIFICATE,
        Classification.CONFIDENTIAL,
        Period.ofMonths(13),
        RotationMethod.AUTOMATED,
        List.of(TEAM_LEAD_SLOT),
        "Team Lead");
    put(
        KeyUsage.DATABASE_TDE,
        Classification.SECRET,
        Period.ofYears(2),
        RotationMethod.AUTOMATED,
        List.of(SECURITY_TEAM),
        "Security Team");
    put(
        KeyUsage.APPLICATION,
        Classification.CONFIDENTIAL,
        Period.ofYears(1),
        RotationMethod.AUTOMATED,
        List.of(SECOND_ROTATOR),
        "System");
    put(
        KeyUsage.API_KEY,
        Classification.RESTRICTED,
        Period.ofMonths(6),
        RotationMethod.AUTOMATED,
        List.of(SECOND_ROTATOR),
        "System");
    put(
        KeyUsage.SERVICE_TOKEN,
        Classification.RESTRICTED,
        Period.ofDays(90),
        RotationMethod.AUTOMATED,
        List.of(SECOND_ROTATOR),
        "System");
  }

  private RotationMatrix() {}

  public static RotationRule ruleFor(KeyUsage usage) {
    return RULES.get(Objects.requireNonNull(usage, "usage"));
  }

  /**
   * The rule for rotating a key of this usage and classification: the usage's row (runbook 6.1)
   * with the stricter approvals of the two rules, the usage's and the classification's (runbook
   * 2.2: an ULTRA key rotates by a "manual process with executive approval"). Each approval the
   * classification asks for that none of the usage's approvals already gives is added, to be given
   * by one more person: a usage approval gives a classification approval when everyone who may give
   * the first may also give the second (a root CA key's executive is the ULTRA executive). The
   * classification's other rules (SECRET's manual gate, CONFIDENTIAL's automation) ask for no
   * approval beyond the usage's: every manual rotation has a second person already.
   */
  public static RotationRule ruleFor(KeyUsage usage, Classification classification) {
    RotationRule rule = ruleFor(usage);
    List<ApprovalSlot> added =
        approvalsFor(Objects.requireNonNull(classification, "classification")).stream()
            .filter(
                wanted ->
                    rule.approvals().stream()
                        .noneMatch(given -> wanted.roles().containsAll(given.roles())))
            .toList();
    if (added.isEmpty()) {
      return rule;
    }
    List<ApprovalSlot> approvals = new ArrayList<>(rule.approvals());
    approvals.addAll(added);
    return new RotationRule(
        usage,
        rule.typicalClassification(),
        rule.interval(),
        rule.method(),
        approvals,
        rule.approvalText()
            + " + "
            + String.join(" + ", added.stream().map(ApprovalSlot::name).toList())
            + " ("
            + classification
            + ", runbook 2.2)");
  }

  /** The approvals runbook 2.2 asks of a rotation of a key of this classification. */
  static List<ApprovalSlot> approvalsFor(Classification classification) {
    return classification == Classification.ULTRA ? List.of(EXECUTIVE) : List.of();
  }

  /**
   * How the lifecycle rotates a key: manual when the usage's method is manual or the key is ULTRA
   * ("manual process with executive approval", runbook 2.2); behind an approval gate when it is
   * SECRET ("automated with manual approval gates"); automatic otherwise.
   */
  public static RotationMode modeFor(KeyUsage usage, Classification classification) {
    if (ruleFor(usage).method() == RotationMethod.MANUAL
        || classification == Classification.ULTRA) {
      return RotationMode.MANUAL;
    }
    if (classification == Classification.SECRET) {
      return RotationMode.APPROVAL_GATE;
    }
    return RotationMode.AUTOMATIC;
  }

  private static void put(
      KeyUsage usage,
      Classification classification,
      Period interval,
      RotationMethod method,
      List<ApprovalSlot> approvals,
      String approvalText) {
    RULES.put(
        usage, new RotationRule(usage, classification, interval, method, approvals, approvalText));
  }
}
