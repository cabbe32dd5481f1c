package io.learnloop.payment;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        ArchitectureRules.publicSignaturesHideLibraries(CLASSES);
    }

    @Test
    void providers_whenImported_sendOnlyThroughTheHttpLayer() {
        ArchitectureRules.sendsHttpOnlyThroughTheHttpLayer(CLASSES);
    }

    @Test
    void publicSignatures_whenExported_exposeNoInternalTypes() {
        // Configurations compose internal pieces (for example ProviderSettings); callers must never see them.
        List<String> offences = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.getPackageName().contains(".internal")) {
                continue;
            }
            for (JavaMember member : c.getMembers()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC) && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>();
                if (member instanceof JavaField field) {
                    types.add(field.getType());
                } else if (member instanceof JavaCodeUnit unit) {
                    types.add(unit.getReturnType());
                    types.addAll(unit.getParameterTypes());
                }
                types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
                        .filter(t -> t.getPackageName().contains(".internal"))
                        .forEach(t -> offences.add(c.getName() + "." + member.getName() + " exposes " + t.getName()));
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void moduleInfo_whenRead_exportsExactlyThePublicPackages() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
