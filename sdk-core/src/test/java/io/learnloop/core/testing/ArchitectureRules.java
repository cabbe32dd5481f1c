package io.learnloop.core.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules of ARCHITECTURE.md section 2, shared by every module's architecture test.
 */
public final class ArchitectureRules {
    /** Package roots of every Learnloop module, in table order. */
    public static final List<String> MODULE_ROOTS = List.of(
            "io.learnloop.core", "io.learnloop.http", "io.learnloop.payment", "io.learnloop.recommend",
            "io.learnloop.community", "io.learnloop.lms", "io.learnloop.jdbc", "io.learnloop.rest");

    /** The HTTP layer's package root: the one module that sends over okhttp. */
    public static final String HTTP_ROOT = "io.learnloop.http";

    /**
     * Internal packages one module opens to named others with a qualified export in its module-info (and so to no
     * host): the HTTP layer's pipeline, which the modules that call out build on, and the core's keyset iterator, which
     * the modules page their personal-data sections with.
     */
    private static final Map<String, Set<String>> SHARED_INTERNALS = Map.of(
            HTTP_ROOT + ".internal", Set.of("io.learnloop.payment", "io.learnloop.community", "io.learnloop.lms"),
            "io.learnloop.core.internal.paging",
            Set.of("io.learnloop.payment", "io.learnloop.community", "io.learnloop.lms"));

    private static final List<String> HIDDEN_TYPES = List.of(
            "okhttp3.", "okio.", "com.fasterxml.jackson.", "com.github.benmanes.caffeine.", "java.sql.", "javax.sql.");

    private ArchitectureRules() {
    }

    /**
     * Imports a module's main classes (not tests).
     *
     * @param roots the module's package roots
     * @return the classes
     */
    public static JavaClasses importMain(String... roots) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(roots);
    }

    /**
     * The module depends on no Learnloop module other than those allowed (core is always allowed).
     *
     * @param classes   the module's classes
     * @param forbidden package roots of modules it must not use
     */
    public static void dependsOnlyDownward(JavaClasses classes, String... forbidden) {
        for (String root : forbidden) {
            noClasses().should().dependOnClassesThat().resideInAPackage(root + "..")
                    .because("ARCHITECTURE.md section 2: modules depend only down the table")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    /**
     * The module uses no other module's {@code internal} packages, except those exported to it by name (sdk-http's
     * pipeline, to the modules that call out; sdk-core's keyset iterator, to the modules with export sections).
     *
     * @param classes the module's classes
     * @param ownRoot the module's own package root(s)
     */
    public static void usesNoForeignInternals(JavaClasses classes, String... ownRoot) {
        Set<String> own = Set.of(ownRoot);
        String[] shared = SHARED_INTERNALS.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(own::contains))
                .map(e -> e.getKey() + "..").toArray(String[]::new);
        for (String root : MODULE_ROOTS) {
            if (own.contains(root)) {
                continue;
            }
            DescribedPredicate<JavaClass> foreign = JavaClass.Predicates.resideInAPackage(root + "..internal..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(shared)));
            noClasses().should().dependOnClassesThat(foreign)
                    .because("internal packages are implementation, never used across modules")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    /**
     * No class outside the HTTP layer sends over okhttp on its own: none builds an {@code OkHttpClient}, derives one,
     * creates a call or executes one. Every remote call goes through sdk-http's pipeline, so it gets the one retry
     * policy, backoff, sleeper, signing and logging.
     *
     * @param classes the module's classes
     */
    public static void sendsHttpOnlyThroughTheHttpLayer(JavaClasses classes) {
        String because = "ARCHITECTURE.md section 4: one HTTP layer (sdk-http) for every remote peer";
        noClasses().that().resideOutsideOfPackage(HTTP_ROOT + "..")
                .should().callMethod("okhttp3.Call", "execute")
                .orShould().callMethod("okhttp3.Call", "enqueue", "okhttp3.Callback")
                .orShould().callMethod("okhttp3.OkHttpClient", "newCall", "okhttp3.Request")
                .orShould().callMethod("okhttp3.OkHttpClient", "newBuilder")
                .orShould().callConstructor("okhttp3.OkHttpClient")
                .orShould().callConstructor("okhttp3.OkHttpClient$Builder")
                .because(because)
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * Public signatures of exported types name no okhttp, Jackson, Caffeine or JDBC types.
     *
     * @param classes the module's classes
     * @param exempt  packages whose purpose is to expose one of those (for example the JSON package)
     */
    public static void publicSignaturesHideLibraries(JavaClasses classes, String... exempt) {
        List<String> offences = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.getPackageName().contains(".internal")
                    || Set.of(exempt).contains(c.getPackageName())) {
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
                    if (HIDDEN_TYPES.stream().anyMatch(t::startsWith)) {
                        offences.add(c.getName() + "." + unit.getName() + " exposes " + t);
                    }
                }
            }
        }
        if (!offences.isEmpty()) {
            throw new AssertionError("Public signatures must not expose library types:\n" + String.join("\n", offences));
        }
    }

    /**
     * The module descriptor exports exactly the packages that hold public, non-internal types.
     *
     * @param classesDir the module's compiled classes, for example {@code target/classes}
     */
    public static void exportsOnlyPublicPackages(Path classesDir) {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classesDir.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read module-info.class in " + classesDir, e);
        }
        // A qualified export opens a package to named SDK modules only, never to a host: it does not count here.
        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sharedInternal = descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .filter(e -> e.targets().stream().anyMatch(t -> !t.startsWith("io.learnloop.")))
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        if (!sharedInternal.isEmpty()) {
            throw new AssertionError("module-info exports packages to modules outside the SDK: " + sharedInternal);
        }
        Set<String> internal = exported.stream().filter(p -> p.contains(".internal")).collect(Collectors.toCollection(TreeSet::new));
        if (!internal.isEmpty()) {
            throw new AssertionError("module-info exports internal packages: " + internal);
        }
        Set<String> publicPackages = new TreeSet<>();
        for (String pkg : descriptor.packages()) {
            if (pkg.contains(".internal")) {
                continue;
            }
            Path dir = classesDir.resolve(pkg.replace('.', '/'));
            try (var files = Files.list(dir)) {
                boolean hasPublic = files.anyMatch(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("package-info.class"));
                if (hasPublic) {
                    publicPackages.add(pkg);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        if (!exported.equals(publicPackages)) {
            throw new AssertionError("module-info should export exactly the public packages " + publicPackages + " but exports " + exported);
        }
    }
}
