package io.learnloop.rest;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.rest"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_dependsOnlyOnTheModulesItServes() {
        ArchitectureRules.dependsOnlyDownward(CLASSES, "io.learnloop.jdbc", "io.learnloop.lms");
    }

    @Test
    void module_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CLASSES, ROOTS);
    }

    @Test
    void publicSignatures_whenExported_exposeNoLibraryTypes() {
        ArchitectureRules.publicSignaturesHideLibraries(CLASSES);
    }

    @Test
    void handlers_whenImported_useNoServletOrSpringType() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "javax.servlet..",
                        "org.springframework..")
                .because("sdk-rest is framework-neutral; the host's mount adapts it to its server")
                .check(CLASSES);
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
