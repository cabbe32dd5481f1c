package io.learnloop.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.spring"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CLASSES, ROOTS);
    }

    @Test
    void publicSignatures_whenExported_exposeNoLibraryTypes() {
        ArchitectureRules.publicSignaturesHideLibraries(CLASSES);
    }

    @Test
    void sdkModules_whenImported_dependOnNoSpringType() {
        JavaClasses sdk = ArchitectureRules.importMain(ArchitectureRules.MODULE_ROOTS.toArray(String[]::new));
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("Spring stays in the starter: the SDK modules run in any host")
                .check(sdk);
    }
}
