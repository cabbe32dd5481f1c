package io.learnloop.core.credential;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialArchitectureTest {
    private static final JavaClasses CORE = ArchitectureRules.importMain("io.learnloop.core");

    @Test
    void publicSignatures_whenImported_exposeNoNimbusTypes() {
        List<String> offences = new ArrayList<>();
        for (JavaClass c : CORE) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.getPackageName().contains(".internal")) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                types.add(unit.getRawReturnType().getName());
                unit.getRawParameterTypes().forEach(p -> types.add(p.getName()));
                unit.getExceptionTypes().forEach(t -> types.add(t.getName()));
                types.stream().filter(t -> t.startsWith("com.nimbusds.")).forEach(t -> offences.add(c.getName() + "." + unit.getName() + " exposes " + t));
            }
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.PUBLIC) && f.getRawType().getName().startsWith("com.nimbusds.")) {
                    offences.add(c.getName() + "." + f.getName());
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void nimbus_whenUsed_staysInTheCredentialCode() {
        List<String> users = new ArrayList<>();
        for (JavaClass c : CORE) {
            boolean uses = c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> d.getTargetClass().getName().startsWith("com.nimbusds."));
            if (uses) {
                users.add(c.getName());
            }
        }
        assertThat(users).isNotEmpty().allMatch(n -> n.startsWith("io.learnloop.core.credential.")
                || n.startsWith("io.learnloop.core.internal.credential."));
    }
}
