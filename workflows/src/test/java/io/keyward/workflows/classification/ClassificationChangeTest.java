package io.keyward.workflows.classification;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.OSCAR;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.testing.InMemoryRegister;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may set a key's facts, and with which quorum: the higher classification's (runbook 2.2). */
class ClassificationChangeTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void theQuorumIsTheHigherOfTheOldAndTheNewClassification() {
    assertThat(
            ClassificationChange.deciding(
                Optional.of(Classification.SECRET), Classification.PUBLIC))
        .isEqualTo(Classification.SECRET);
    assertThat(
            ClassificationChange.deciding(
                Optional.of(Classification.RESTRICTED), Classification.ULTRA))
        .isEqualTo(Classification.ULTRA);
    assertThat(ClassificationChange.deciding(Optional.empty(), Classification.RESTRICTED))
        .as("a key the register does not hold counts as ULTRA")
        .isEqualTo(Classification.ULTRA);
  }

  @Test
  void loweringASecretKeyNeedsTwoSecretApprovers() {
    ClassificationChange change =
        change(registered(Classification.SECRET), Classification.PUBLIC, KeyUsage.APPLICATION);

    assertThat(change.policy().quorum()).isEqualTo(2);
    assertThat(change.refusalFor(approve(new Actor("terry", Set.of(Role.TEAM_LEAD)))))
        .hasValueSatisfying(
            why ->
                assertThat(why).contains("holds none of the roles that approve for a SECRET key"));
    change.apply(approve(OLIVIA), AT);
    assertThat(change.quorumReached()).isFalse();
    assertThat(change.refusalFor(approve(OLIVIA)))
        .contains("olivia has already approved this change");
    change.apply(approve(LENA), AT);
    assertThat(change.quorumReached()).isTrue();
  }

  @Test
  void theRequesterNeverDecides() {
    ClassificationChange change =
        change(
            registered(Classification.CONFIDENTIAL), Classification.SECRET, KeyUsage.APPLICATION);

    assertThat(change.refusalFor(approve(ALICE)))
        .hasValueSatisfying(why -> assertThat(why).contains("alice requested this change"));
  }

  @Test
  void anUltraQuorumIncludesAnExecutive() {
    ClassificationChange change = change(Optional.empty(), Classification.ULTRA, KeyUsage.ROOT_CA);
    change.apply(approve(OLIVIA), AT);
    change.apply(approve(OSCAR), AT);

    assertThat(change.refusalFor(approve(new Actor("otto", Set.of(Role.CRYPTO_OFFICER)))))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("the last approval of an ULTRA change comes from an executive"));
    assertThat(change.refusalFor(approve(TOM))).isEmpty();
    change.apply(approve(CAROL), AT);
    assertThat(change.quorumReached()).isTrue();
  }

  @Test
  void refusesARootCaKeyBelowUltraAnUnownedNewKeyAndANoOp() {
    assertThat(
            change(registered(Classification.ULTRA), Classification.SECRET, KeyUsage.ROOT_CA)
                .requestRefusal())
        .hasValueSatisfying(why -> assertThat(why).contains("a root CA key is ULTRA"));
    assertThat(
            change(Optional.empty(), Classification.SECRET, KeyUsage.APPLICATION, null)
                .requestRefusal())
        .hasValueSatisfying(
            why -> assertThat(why).contains("is not in the key register: name its owner"));
    assertThat(
            change(
                    registered(Classification.SECRET),
                    Classification.SECRET,
                    KeyUsage.DATABASE_TDE,
                    null)
                .requestRefusal())
        .hasValueSatisfying(why -> assertThat(why).contains("nothing to change"));
  }

  private static Optional<RegisteredKey> registered(Classification classification) {
    return new InMemoryRegister()
        .register(KEY, classification, KeyUsage.DATABASE_TDE, "alice")
        .find(KEY);
  }

  private static ClassificationChange change(
      Optional<RegisteredKey> before, Classification wanted, KeyUsage usage) {
    return change(before, wanted, usage, new KeyOwner("payments", "alice"));
  }

  private static ClassificationChange change(
      Optional<RegisteredKey> before, Classification wanted, KeyUsage usage, KeyOwner owner) {
    ClassificationChange change =
        new ClassificationChange(
            new ClassificationChangeRequest(
                KEY, wanted, usage, owner, "Appendix A says so", ALICE, null));
    change.before(before);
    change.moveTo(ClassificationPhase.AWAITING_APPROVAL, null);
    return change;
  }

  private static ClassificationDecision approve(Actor actor) {
    return new ClassificationDecision(actor, ClassificationDecisionType.APPROVE, null);
  }
}
