package io.keyward.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.ui.session.Notice;
import io.keyward.ui.session.SessionStore;
import io.keyward.ui.session.UiSession;
import io.keyward.ui.testing.MemoryWebSessions;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.incident.IncidentId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestPageTest {
  private record Session(String phase, int actions) {}

  private final SessionStore sessions =
      new SessionStore(
          new MemoryWebSessions(),
          Duration.ofMinutes(30),
          Duration.ofHours(12),
          10,
          Clock.systemUTC());
  private final UiSession responder =
      sessions.open(
          new DirectoryUser(
              "sam", "Sam Security", "sam@example.com", Set.of(Role.SECURITY_TEAM_LEAD)));
  private final UiSession outsider =
      sessions.open(
          new DirectoryUser(
              "ursula", "Ursula User", "ursula@example.com", Set.of(Role.APPLICATION_OWNER)));
  private final List<IncidentId> taken = new ArrayList<>();

  private final RequestPage<IncidentId, Session> requestPage =
      new RequestPage<>(
          new Pages(),
          RequestPageTest::visibleState,
          session -> session.phase() + "." + session.actions(),
          Session::phase,
          incident -> "/ui/sessions/" + incident.value());

  private static Session visibleState(UiSession me, IncidentId incident) {
    if (!me.user().id().equals("sam")) {
      throw new HiddenException("the session of " + incident + " is visible to its responder");
    }
    return new Session("ACTIVE", 2);
  }

  @Test
  void answersThePollWithTheRevisionAndPhaseOfAVisibleRequest() {
    var answer = requestPage.status(responder, () -> new IncidentId("INC-1"));

    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getEntity()).isEqualTo(Map.of("revision", "ACTIVE.2", "phase", "ACTIVE"));
  }

  @Test
  void answersThePollOfAHiddenRequestWithTheRefusalsStatusAndWords() {
    var answer = requestPage.status(outsider, () -> new IncidentId("INC-1"));

    assertThat(answer.getStatus()).isEqualTo(403);
    assertThat(answer.getEntity())
        .isEqualTo(
            Map.of("code", 403, "message", "the session of INC-1 is visible to its responder"));
  }

  @Test
  void leavesAPollWithABadIdToTheApplicationsExceptionMapper() {
    assertThatThrownBy(() -> requestPage.status(responder, () -> new IncidentId("../etc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident id must be");
  }

  @Test
  void answersAStepOnAHiddenRequestWithTheErrorPageAndNoNotice() {
    var answer =
        requestPage.step(
            outsider,
            () -> new IncidentId("INC-1"),
            incident -> {
              throw new HiddenException(
                  "the session of " + incident + " is visible to its responder");
            });

    assertThat(answer.getStatus()).isEqualTo(403);
    assertThat((String) answer.getEntity()).contains("visible to its responder");
    assertThat(outsider.takeNotice()).isNull();
  }

  @Test
  void answersAStepOnARequestThatDoesNotExistWithTheErrorPage() {
    var answer =
        requestPage.step(
            responder,
            () -> new IncidentId("INC-404"),
            incident -> {
              throw new NotFoundException("no break-glass session for incident " + incident);
            });

    assertThat(answer.getStatus()).isEqualTo(404);
    assertThat(responder.takeNotice()).isNull();
  }

  @Test
  void keepsAForbiddenStepOnAVisibleRequestAsTheNoticeOfItsPage() {
    var answer =
        requestPage.step(
            responder,
            () -> new IncidentId("INC-1"),
            incident -> {
              throw new ForbiddenException("sam holds no live break-glass grant for " + incident);
            });

    assertThat(answer.getStatus()).isEqualTo(303);
    assertThat(responder.takeNotice())
        .isEqualTo(Notice.refused("sam holds no live break-glass grant for INC-1"));
  }

  @Test
  void sendsNoStepForABadId() {
    var answer = requestPage.step(responder, () -> new IncidentId("../etc"), this::take);

    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(taken).isEmpty();
  }

  @Test
  void takesAStepAndGoesBackToTheRequestsPageWithWhatItDid() {
    var answer = requestPage.step(responder, () -> new IncidentId("INC-1"), this::take);

    assertThat(answer.getStatus()).isEqualTo(303);
    assertThat(answer.getLocation()).isEqualTo(URI.create("/ui/sessions/INC-1"));
    assertThat(taken).containsExactly(new IncidentId("INC-1"));
    assertThat(responder.takeNotice()).isEqualTo(Notice.done("You ended the session."));
  }

  @Test
  void keepsTheServicesRefusalOfAStepAsTheNoticeOfTheRequestsPage() {
    var answer =
        requestPage.step(
            responder,
            () -> new IncidentId("INC-1"),
            incident -> {
              throw new ConflictException("the session of INC-1 has already ended");
            });

    assertThat(answer.getStatus()).isEqualTo(303);
    assertThat(answer.getLocation()).isEqualTo(URI.create("/ui/sessions/INC-1"));
    assertThat(responder.takeNotice())
        .isEqualTo(Notice.refused("the session of INC-1 has already ended"));
  }

  @Test
  void showsAHiddenRequestAsTheErrorPageWithTheRefusalsWords() {
    var answer =
        requestPage.page(
            outsider,
            () -> new IncidentId("INC-1"),
            "error",
            (incident, state) -> {
              throw new AssertionError("no view of a hidden request");
            });

    assertThat(answer.getStatus()).isEqualTo(403);
    assertThat((String) answer.getEntity()).contains("visible to its responder");
  }

  private String take(IncidentId incident) {
    taken.add(incident);
    return "You ended the session.";
  }
}
