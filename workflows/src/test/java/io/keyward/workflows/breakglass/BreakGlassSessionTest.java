package io.keyward.workflows.breakglass;

import static io.keyward.workflows.breakglass.BreakGlassCast.AUDREY;
import static io.keyward.workflows.breakglass.BreakGlassCast.BRUNO;
import static io.keyward.workflows.breakglass.BreakGlassCast.LARS;
import static io.keyward.workflows.breakglass.BreakGlassCast.SOL;
import static io.keyward.workflows.testing.People.KIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.incident.IncidentId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may authorise, end and review a level 1 break-glass session that sol declared for bruno
 * (runbook 8.3), and the words of each refusal: the rules class alone, no Temporal server.
 */
class BreakGlassSessionTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        row(
            "the declarer authorising",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(approve(SOL)),
            "sol declared this session and cannot authorise it (runbook 8.3: never the declarer"
                + " approving alone)"),
        row(
            "the admin authorising their own access",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(approve(BRUNO)),
            "bruno is the break-glass admin of this session and cannot authorise their own"
                + " access"),
        row(
            "a denial without a reason",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(new Authorisation(LARS, AuthorisationDecision.DENY, null)),
            "DENY needs a reason"),
        row(
            "a custodian authorising",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(approve(KIM)),
            "kim holds none of the roles that authorise a L1 session: [APPLICATION_OWNER,"
                + " SECURITY_TEAM_LEAD] (runbook 8.3: Security Team Lead + Application Owner)"),
        row(
            "ending before the access is granted",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(new EndRequest(SOL, null)),
            "only an active session can be ended early; the session is AWAITING_AUTHORISATION"),
        row(
            "ending by someone with no part",
            BreakGlassPhase.ACTIVE,
            s -> s.refusalFor(new EndRequest(KIM, null)),
            "kim may not end this session: its admin, declarer and approvers may, and holders of"
                + " [SECURITY_TEAM_LEAD, SECURITY_OPERATIONS, CISO]"),
        row(
            "reviewing while the access is live",
            BreakGlassPhase.ACTIVE,
            s -> s.refusalFor(new Review(AUDREY, "fine")),
            "the post-incident review opens when the access has been revoked; the session is"
                + " ACTIVE"),
        row(
            "a review by a custodian",
            BreakGlassPhase.AWAITING_REVIEW,
            s -> s.refusalFor(new Review(KIM, "fine")),
            "kim holds none of the roles that review break-glass sessions: [SECURITY_AUDITOR,"
                + " SECURITY_TEAM_LEAD, CISO]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesInWordsForThePersonWhoTried(
      String what,
      BreakGlassPhase phase,
      Function<BreakGlassSession, Optional<String>> attempt,
      String refusal) {
    assertThat(attempt.apply(sessionIn(phase))).contains(refusal);
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        row(
            "a security team lead authorising",
            BreakGlassPhase.AWAITING_AUTHORISATION,
            s -> s.refusalFor(approve(LARS)),
            null),
        row(
            "the declarer ending early",
            BreakGlassPhase.ACTIVE,
            s -> s.refusalFor(new EndRequest(SOL, "done")),
            null),
        row(
            "an auditor reviewing",
            BreakGlassPhase.AWAITING_REVIEW,
            s -> s.refusalFor(new Review(AUDREY, "access used as declared")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void letsTheRightPersonAct(
      String what,
      BreakGlassPhase phase,
      Function<BreakGlassSession, Optional<String>> attempt,
      String none) {
    assertThat(attempt.apply(sessionIn(phase))).isEmpty();
  }

  /** Sol's level 1 session for bruno on vault kv-a, at {@code phase}. */
  private static BreakGlassSession sessionIn(BreakGlassPhase phase) {
    BreakGlassSession session =
        new BreakGlassSession(
            new BreakGlassDeclaration(
                new IncidentId("INC0009001"),
                BreakGlassScope.ofVault("kv-a"),
                "orders DB cannot decrypt",
                null,
                BRUNO,
                SOL));
    session.assessed(new ScopeAssessment(BreakGlassLevel.L1, List.of(), "no ULTRA key in scope"));
    session.moveTo(phase, null);
    return session;
  }

  private static Authorisation approve(io.keyward.workflows.common.Actor who) {
    return new Authorisation(who, AuthorisationDecision.APPROVE, null);
  }

  private static Arguments row(
      String what,
      BreakGlassPhase phase,
      Function<BreakGlassSession, Optional<String>> attempt,
      String refusal) {
    return Arguments.of(what, phase, attempt, refusal);
  }
}
