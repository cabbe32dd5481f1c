package io.learnloop.http;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.learnloop.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitectureTest {
    private static final String[] ROOTS = {"io.learnloop.http"};
    private static final JavaClasses CLASSES = ArchitectureRules.importMain(ROOTS);

    @Test
    void module_whenImported_dependsOnlyOnCore() {
        ArchitectureRules.dependsOnlyDownward(CLASSES, "io.learnloop.payment", "io.learnloop.recommend",
                "io.learnloop.growth", "io.learnloop.community", "io.learnloop.jdbc");
    }

    @Test
    void module_whenImported_usesNoForeignInternals() {
        ArchitectureRules.usesNoForeignInternals(CLASSES, ROOTS);
    }

    @Test
    void publicSignatures_whenExported_nameOkhttpOnlyInSharedHttpClient() {
        List<String> offences = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.getPackageName().contains(".internal")
                    || c.isEquivalentTo(SharedHttpClient.class) || c.isEquivalentTo(SharedHttpClient.Builder.class)) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                List<String> types = new ArrayList<>();
                types.add(unit.getRawReturnType().getName());
                unit.getRawParameterTypes().forEach(p -> types.add(p.getName()));
                types.stream().filter(t -> t.startsWith("okhttp3.") || t.startsWith("okio."))
                        .forEach(t -> offences.add(c.getName() + "." + unit.getName() + " exposes " + t));
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void okhttpCalls_whenImported_areExecutedOnlyByTheTransport() {
        noClasses().that().doNotHaveFullyQualifiedName("io.learnloop.http.internal.Transport")
                .should().callMethod("okhttp3.Call", "execute")
                .orShould().callMethod("okhttp3.OkHttpClient", "newCall", "okhttp3.Request")
                .because("one place sends, so every call gets the same retries, signing and logging")
                .check(CLASSES);
    }

    @Test
    void okhttpCallRule_whenAClassExecutesACall_findsIt() {
        // The rule names okhttp's types as strings: prove it matches a real call, here the transport's own.
        assertThatThrownBy(() -> noClasses().should().callMethod("okhttp3.Call", "execute").check(CLASSES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Transport");
    }

    @Test
    void moduleInfo_whenRead_exportsThePublicPackageAndThePipelineOnlyToTheSdk() {
        ArchitectureRules.exportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
