package io.learnloop.jdbc;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.jdbc"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_dependsOnlyDownTheTable() {
        ArchitectureRules.dependsOnlyDownward(CLASSES, "io.learnloop.payment", "io.learnloop.recommend", "io.learnloop.growth", "io.learnloop.community");
    }

    @Test
    void module_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CLASSES, ROOTS);
    }

    @Test
    void publicSignatures_whenExported_exposeNoLibraryTypes() {
        // io.learnloop.jdbc exists to take the host's DataSource; the check below keeps it to exactly that type.
        ArchitectureRules.publicSignaturesHideLibraries(CLASSES, "io.learnloop.jdbc");
    }

    @Test
    void publicSignatures_whenInJdbcPackage_exposeOnlyDataSourceOfJdbc() {
        List<String> offences = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (!c.getPackageName().equals("io.learnloop.jdbc") || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                types.add(unit.getRawReturnType().getName());
                unit.getRawParameterTypes().forEach(p -> types.add(p.getName()));
                for (String t : types) {
                    boolean library = t.startsWith("java.sql.") || t.startsWith("javax.sql.") || t.startsWith("org.flywaydb.")
                            || t.startsWith("org.h2.") || t.startsWith("org.postgresql.") || t.startsWith("org.mariadb.")
                            || t.startsWith("com.mysql.") || t.startsWith("com.fasterxml.");
                    if (library && !t.equals("javax.sql.DataSource")) {
                        offences.add(c.getName() + "." + unit.getName() + " exposes " + t);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
