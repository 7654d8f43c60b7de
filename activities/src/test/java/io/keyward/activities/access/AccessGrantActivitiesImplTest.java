package io.keyward.activities.access;

import static io.keyward.activities.access.Grants.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.breakglass.Revocation;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessGrantActivitiesImplTest {
  @TempDir Path dir;

  @Test
  void revokesAndProvesTheGrantIsGone() {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      AccessGrantActivitiesImpl access = new AccessGrantActivitiesImpl(stores.accessGrants());
      access.grant(grant("INC1", "bruno"));

      Revocation revocation = access.revoke("breakglass/INC1");

      assertThat(revocation).isEqualTo(new Revocation("breakglass/INC1", true, true));
      assertThat(stores.accessGrants().find("breakglass/INC1")).isEmpty();
    }
  }

  @Test
  void refusesToGrantToAResetRunAndRecordsNothing() {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      AccessGrantActivitiesImpl access = new AccessGrantActivitiesImpl(stores.accessGrants());
      AccessGrant original = grant("INC1", "bruno");
      AccessGrant fromReset =
          new AccessGrant(
              original.grantId(),
              original.holder(),
              original.incident(),
              original.scope(),
              original.grantedAt(),
              original.expiresAt(),
              "run-of-the-original");

      assertThatThrownBy(() -> access.grant(fromReset))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getType()).isEqualTo(AccessGrantActivitiesImpl.RESET_RUN);
                assertThat(failure.getOriginalMessage())
                    .contains("is a reset of run run-of-the-original")
                    .contains("no access is granted to a reset run");
              });
      assertThat(stores.accessGrants().find("breakglass/INC1")).isEmpty();
    }
  }

  @Test
  void aRetriedRevocationFindsTheGrantAlreadyGone() {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      AccessGrantActivitiesImpl access = new AccessGrantActivitiesImpl(stores.accessGrants());
      access.grant(grant("INC1", "bruno"));
      access.revoke("breakglass/INC1");

      assertThat(access.revoke("breakglass/INC1"))
          .isEqualTo(new Revocation("breakglass/INC1", false, true));
    }
  }

  @Test
  void failsRetryablyWhenTheStoreStillHoldsTheGrantAfterRemoval() {
    AccessGrant grant = grant("INC1", "bruno");
    AccessGrantStore stubborn =
        new AccessGrantStore() {
          @Override
          public AccessGrant record(AccessGrant g) {
            return g;
          }

          @Override
          public Optional<AccessGrant> find(String grantId) {
            return Optional.of(grant);
          }

          @Override
          public boolean remove(String grantId) {
            return true;
          }

          @Override
          public List<AccessGrant> all() {
            return List.of(grant);
          }
        };

    assertThatThrownBy(() -> new AccessGrantActivitiesImpl(stubborn).revoke(grant.grantId()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("GrantStillPresent");
              assertThat(f.isNonRetryable()).isFalse();
            })
        .hasMessageContaining("still in the grant store after its removal");
  }
}
