package io.keyward.ui;

import io.dropwizard.core.setup.Environment;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.config.UiFactory;
import io.keyward.api.extension.KeywardExtension;
import io.keyward.api.extension.KeywardServices;
import io.keyward.api.keys.KeyLifecycles;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.ui.breakglass.BreakGlassPages;
import io.keyward.ui.breakglass.BreakGlassWaiting;
import io.keyward.ui.breakglass.DeclarationForm;
import io.keyward.ui.classification.ClassificationPages;
import io.keyward.ui.codec.SessionCodecResource;
import io.keyward.ui.generation.GenerationPages;
import io.keyward.ui.generation.GenerationRequestForm;
import io.keyward.ui.generation.GenerationWaiting;
import io.keyward.ui.inbox.Inbox;
import io.keyward.ui.inbox.InboxPages;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowRuns;
import io.keyward.ui.incidents.CompromiseReportForm;
import io.keyward.ui.incidents.CompromiseWaiting;
import io.keyward.ui.incidents.IncidentPages;
import io.keyward.ui.keys.KeyPages;
import io.keyward.ui.keys.KeyRegister;
import io.keyward.ui.pages.PageHeaders;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.StartForms;
import io.keyward.ui.pages.TemporalWebLinks;
import io.keyward.ui.pages.UiAssets;
import io.keyward.ui.pages.UiEntrance;
import io.keyward.ui.rotation.LifecyclePages;
import io.keyward.ui.rotation.LifecycleWaiting;
import io.keyward.ui.rotation.RotationPages;
import io.keyward.ui.rotation.RotationPlanForm;
import io.keyward.ui.rotation.RotationWaiting;
import io.keyward.ui.securitykeys.SecurityKeyPages;
import io.keyward.ui.session.OidcSignInPages;
import io.keyward.ui.session.PendingSignIns;
import io.keyward.ui.session.SessionStore;
import io.keyward.ui.session.SignInPages;
import io.keyward.ui.session.SignOutPage;
import io.keyward.ui.session.SignedInFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The approvers' web pages under {@code /ui}, served by Keyward's application beside the API
 * whenever this module is on the class path (found as a {@link KeywardExtension}). It builds the
 * pages on the services the API uses, so a decision taken on a page is the same call, refused the
 * same way, as over the API: the rotation, lifecycle, break-glass and compromise services are built
 * here exactly as the API builds its own (they hold no state of their own; the grant store is read
 * afresh on every call). The forms that start ceremonies hand their requests to the same services,
 * as the signed-in person. Configured by the {@code ui} section.
 */
public final class ApprovalUi implements KeywardExtension {
  /** How many runs a list shows at most; the pages say when there are more. */
  static final int LIST_LIMIT = 500;

  /** How long a sign-in sent to the identity provider may take to come back. */
  static final Duration PENDING_SIGN_IN_TIMEOUT = Duration.ofMinutes(10);

  @Override
  public String name() {
    return "approval-ui (/ui)";
  }

  @Override
  public void run(KeywardServices services, Environment environment) {
    UiFactory settings = services.configuration().getUi();
    Clock clock = Clock.systemUTC();
    Pages pages = new Pages();
    SessionStore sessions =
        new SessionStore(
            services.webSessions(),
            settings.getSessionIdleTimeout().toJavaDuration(),
            settings.getSessionMaxAge().toJavaDuration(),
            settings.getMaxSessions(),
            clock);
    TemporalWebLinks temporalWeb =
        new TemporalWebLinks(
            settings.temporalWeb(), services.configuration().getTemporal().getNamespace());
    WorkflowRuns runs = new WorkflowRuns(services.client(), LIST_LIMIT);
    BreakGlassSessions breakGlass = services.breakGlass();
    CompromiseResponses compromises = services.compromises();
    ManualRotations rotations = services.rotations();
    KeyLifecycles lifecycles = services.lifecycles();
    List<WaitingSource> waiting =
        List.of(
            new GenerationWaiting(services.generations()),
            new RotationWaiting(rotations),
            new LifecycleWaiting(lifecycles),
            new BreakGlassWaiting(breakGlass),
            new CompromiseWaiting(compromises));

    var jersey = environment.jersey();
    jersey.register(new SignedInFilter(sessions, pages));
    jersey.register(new PageHeaders());
    jersey.register(new UiEntrance());
    jersey.register(new UiAssets());
    SignInPages signIn =
        new SignInPages(
            services.signIns(),
            sessions,
            pages,
            services.configuration().getDirectory().namesUsers(),
            services.oidc().isPresent());
    jersey.register(signIn);
    services
        .oidc()
        .ifPresent(
            provider ->
                jersey.register(
                    new OidcSignInPages(
                        provider,
                        new PendingSignIns(
                            services.startedSignIns(),
                            PENDING_SIGN_IN_TIMEOUT,
                            settings.getMaxSessions(),
                            clock),
                        sessions,
                        signIn,
                        services.stepUp().window(),
                        clock)));
    jersey.register(new SignOutPage(sessions, signIn));
    services.codec().ifPresent(codec -> jersey.register(new SessionCodecResource(codec, sessions)));
    jersey.register(new InboxPages(new Inbox(runs, waiting), pages, clock));
    jersey.register(
        new GenerationPages(
            services.generations(), services.securityKeys(), pages, temporalWeb, clock));
    jersey.register(new SecurityKeyPages(services.securityKeys(), pages));
    jersey.register(
        new ClassificationPages(services.classifications(), services.securityKeys(), pages, clock));
    jersey.register(
        new KeyPages(new KeyRegister(runs, services.generations(), lifecycles), pages, clock));
    jersey.register(
        new RotationPages(rotations, services.securityKeys(), pages, temporalWeb, clock));
    jersey.register(new LifecyclePages(lifecycles, pages, temporalWeb, clock));
    jersey.register(
        new BreakGlassPages(breakGlass, services.securityKeys(), runs, pages, temporalWeb, clock));
    jersey.register(new IncidentPages(compromises, runs, pages, temporalWeb, clock));
    StartForms forms = new StartForms(pages);
    jersey.register(new GenerationRequestForm(services.generations(), forms));
    jersey.register(new RotationPlanForm(rotations, forms));
    jersey.register(new DeclarationForm(breakGlass, services.directory(), forms));
    jersey.register(new CompromiseReportForm(compromises, forms));
  }
}
