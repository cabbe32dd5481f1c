package io.learnloop.payment;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.payment"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_dependsOnlyDownTheTable() {
        ArchitectureRules.dependsOnlyDownward(CLASSES, "io.learnloop.recommend", "io.learnloop.growth", "io.learnloop.community", "io.learnloop.jdbc");
    }

    @Test
    void module_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CLASSES, ROOTS);
    }

    @Test
    void publicSignatures_whenExported_exposeNoLibraryTypes() {
        // PaymentHttpClient is the one type that names okhttp, so hosts can pass their own client.
        ArchitectureRules.publicSignaturesHideLibraries(CLASSES, "io.learnloop.payment.http");
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
