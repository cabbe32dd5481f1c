package io.learnloop.lms;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.lms"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_dependsOnlyDownTheTable() {
        ArchitectureRules.dependsOnlyDownward(CLASSES, "io.learnloop.payment", "io.learnloop.recommend",
                "io.learnloop.growth", "io.learnloop.community", "io.learnloop.jdbc");
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
    void platformCalls_whenImported_sendOnlyThroughTheHttpLayer() {
        ArchitectureRules.sendsHttpOnlyThroughTheHttpLayer(CLASSES);
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
