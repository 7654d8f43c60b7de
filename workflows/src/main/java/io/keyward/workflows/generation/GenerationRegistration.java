package io.keyward.workflows.generation;

import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The key register's entry for a key this ceremony registers (runbook 3.3 step 5, "documents in key
 * register"): every fact from the request the quorum approved. The classification is the request's;
 * the usage the spec's {@value KeyUsage#TAG} tag, else the matrix's default; the owner the spec's
 * {@value KeyTags#OWNER} tag when it names a directory id, else the requester, with the {@value
 * KeyTags#APPLICATION} tag as the application; the protection the classification's; the spec the
 * approved one; the state ACTIVE. Plain code.
 */
public final class GenerationRegistration {
  private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  private GenerationRegistration() {}

  public static RegisterUpdate updateFor(
      GenerationRequest request,
      String version,
      String changeId,
      String ceremony,
      String validator,
      Instant at) {
    return new RegisterUpdate(
        request.key(),
        changeId,
        ceremony,
        validator,
        at,
        request.classification(),
        usageOf(request),
        ownerOf(request),
        PolicyMatrix.policyFor(request.classification()).protection(),
        request.spec(),
        KeyState.ACTIVE,
        version);
  }

  public static KeyUsage usageOf(GenerationRequest request) {
    return KeyUsage.fromTag(request.spec().tags().get(KeyUsage.TAG), RotationMatrix.DEFAULT_USAGE);
  }

  static KeyOwner ownerOf(GenerationRequest request) {
    String tagged = request.spec().tags().get(KeyTags.OWNER);
    String person =
        tagged != null && PERSON.matcher(tagged.strip()).matches()
            ? tagged.strip()
            : request.requester().id();
    String application = request.spec().tags().get(KeyTags.APPLICATION);
    return new KeyOwner(
        application != null && application.length() <= KeyOwner.MAX_APPLICATION
            ? application
            : null,
        person);
  }
}
