package io.learnloop.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private static final JavaClasses CORE = ArchitectureRules.importMain("io.learnloop.core");

    @Test
    void core_whenImported_dependsOnNoOtherModule() {
        ArchitectureRules.dependsOnlyDownward(CORE, "io.learnloop.payment", "io.learnloop.recommend",
                "io.learnloop.growth", "io.learnloop.community", "io.learnloop.jdbc");
    }

    @Test
    void core_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CORE, "io.learnloop.core");
    }

    @Test
    void publicSignatures_whenOutsideJsonPackage_exposeNoLibraryTypes() {
        ArchitectureRules.publicSignaturesHideLibraries(CORE, "io.learnloop.core.json");
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }

    @Test
    void domainCode_whenImported_neverReadsTheWallClockOrRandomIds() {
        noClasses().that().resideOutsideOfPackage("io.learnloop.core.identity")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("services take the clock and the id generator from the facade")
                .check(CORE);
    }
}
