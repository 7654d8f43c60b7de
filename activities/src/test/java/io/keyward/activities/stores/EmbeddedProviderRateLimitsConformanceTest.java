package io.keyward.activities.stores;

/** The rate limits' conformance suite on the embedded H2 database: always runs. */
class EmbeddedProviderRateLimitsConformanceTest extends ProviderRateLimitsConformanceTest {
  @Override
  TestDatabase database() {
    return new EmbeddedTestDatabase();
  }
}
