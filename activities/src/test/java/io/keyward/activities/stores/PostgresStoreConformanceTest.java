package io.keyward.activities.stores;

/**
 * The conformance suite on a real PostgreSQL ({@code KEYWARD_TEST_JDBC_URL}); skipped without one
 * on a laptop, failed without one under {@code CI=true}.
 */
class PostgresStoreConformanceTest extends StoreConformanceTest {
  @Override
  TestDatabase database() {
    return PostgresTestDatabase.required();
  }
}
