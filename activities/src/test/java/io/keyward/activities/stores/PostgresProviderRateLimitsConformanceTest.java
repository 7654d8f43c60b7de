package io.keyward.activities.stores;

/**
 * The rate limits' conformance suite on a real PostgreSQL ({@code KEYWARD_TEST_JDBC_URL}); skipped
 * without one on a laptop, failed without one under {@code CI=true}.
 */
class PostgresProviderRateLimitsConformanceTest extends ProviderRateLimitsConformanceTest {
  @Override
  TestDatabase database() {
    return PostgresTestDatabase.required();
  }
}
