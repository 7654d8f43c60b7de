package io.keyward.api.keys;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.workflows.classification.ClassificationChangeState;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.lifecycle.LifecycleState;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Keys under policy (runbook 6.1, 6.2) over HTTP: enrol a key in automatic rotation and follow its
 * lifecycle, decide at its approval gate, keep its dependency map, and start the reconciliation on
 * demand. Every method needs an authenticated person.
 */
@Path("/api/keys")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeysResource {
  private final KeyLifecycles lifecycles;
  private final DependencyMaps dependencies;
  private final RegisteredKeys register;
  private final ClassificationChanges classifications;

  public KeysResource(
      KeyLifecycles lifecycles,
      DependencyMaps dependencies,
      RegisteredKeys register,
      ClassificationChanges classifications) {
    this.lifecycles = lifecycles;
    this.dependencies = dependencies;
    this.register = register;
    this.classifications = classifications;
  }

  /** The key's facts in the key register and their history. */
  @GET
  @Path("/{vault}/{name}")
  public KeyRegisterView facts(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return register.visible(who.actor(), new KeyRef(vault, name));
  }

  /** Asks for the key's classification, usage or owner to be set; 202 with the ceremony. */
  @POST
  @Path("/{vault}/{name}/classification")
  public Response requestClassification(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      ClassificationBody body) {
    StartedClassificationChange started =
        classifications.request(who.actor(), new KeyRef(vault, name), body);
    return Response.accepted(started).location(URI.create(started.statusUrl())).build();
  }

  @GET
  @Path("/{vault}/{name}/classification")
  public ClassificationChangeState classification(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return classifications.visibleState(who.actor(), new KeyRef(vault, name));
  }

  @POST
  @Path("/{vault}/{name}/classification/decisions")
  public ClassificationChangeState decideClassification(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      ClassificationDecisionBody body) {
    return classifications.decide(who.actor(), new KeyRef(vault, name), body);
  }

  /** 202 with the new lifecycle, or 200 when the key already had one. */
  @POST
  @Path("/{vault}/{name}/lifecycle")
  public Response enrol(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      EnrolmentBody body) {
    StartedLifecycle started = lifecycles.enrol(who.actor(), new KeyRef(vault, name), body);
    return (started.started() ? Response.accepted(started) : Response.ok(started))
        .location(URI.create(started.statusUrl()))
        .build();
  }

  @GET
  @Path("/{vault}/{name}/lifecycle")
  public LifecycleState lifecycle(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return lifecycles.visibleState(who.actor(), new KeyRef(vault, name));
  }

  @POST
  @Path("/{vault}/{name}/lifecycle/decisions")
  public LifecycleState decide(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      GateDecisionBody body) {
    return lifecycles.decide(
        new KeyRef(vault, name), RequestBodies.required(body).toDecision(who.actor()));
  }

  @GET
  @Path("/{vault}/{name}/dependents")
  public List<KeyDependent> dependents(
      @PathParam("vault") String vault, @PathParam("name") String name) {
    return dependencies.dependentsOf(new KeyRef(vault, name));
  }

  @PUT
  @Path("/{vault}/{name}/dependents")
  public List<KeyDependent> replaceDependents(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      List<DependentBody> body) {
    return dependencies.replace(new KeyRef(vault, name), who.actor(), body);
  }

  @GET
  @Path("/dependents")
  public Map<String, List<KeyDependent>> dependencyMap() {
    return dependencies.all();
  }

  /** Starts a reconciliation now (runbook 6.2); 202 with its workflow. */
  @POST
  @Path("/reconciliations")
  public Response reconcile(@Auth KeywardPrincipal who) {
    return Response.accepted(lifecycles.reconcile(who.actor()))
        .location(URI.create("/api/keys/reconciliations/on-demand"))
        .build();
  }

  @GET
  @Path("/reconciliations/on-demand")
  public ReconciliationStatus reconciliation() {
    return lifecycles.reconciliation();
  }

  static String lifecyclePath(KeyRef key) {
    return "/api/keys/" + key.vault() + "/" + key.name() + "/lifecycle";
  }
}
