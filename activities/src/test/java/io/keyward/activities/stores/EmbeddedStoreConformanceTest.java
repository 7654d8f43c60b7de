package io.keyward.activities.stores;

/** The conformance suite on the embedded H2 database dev mode uses: always runs. */
class EmbeddedStoreConformanceTest extends StoreConformanceTest {
  @Override
  TestDatabase database() {
    return new EmbeddedTestDatabase();
  }
}
