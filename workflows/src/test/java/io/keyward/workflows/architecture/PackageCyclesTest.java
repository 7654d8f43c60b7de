package io.keyward.workflows.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code workflows} depend on each other in one direction only: a type two
 * ceremonies share lives in {@code common} (or the port's own package), never in one of them.
 */
class PackageCyclesTest {
  private static final JavaClasses WORKFLOWS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.keyward.workflows");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.keyward.workflows.(*)..").should().beFreeOfCycles().check(WORKFLOWS);
  }
}
