package io.learnloop.examples;

import io.learnloop.examples.docs.Snippet;
import io.learnloop.examples.docs.SnippetCompiler;
import io.learnloop.examples.docs.SnippetScanner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compiles every fenced {@code java} block of {@code README.md} and {@code docs/**}{@code .md} against the test
 * class path, one dynamic test per block, named after its file and line. See "Docs conventions" in
 * {@code docs/architecture.md} for fragments, {@code snippet-context} comments and excerpts of source files.
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetInTheDocs_compilesWithoutWarnings() {
        List<Snippet> snippets = SnippetScanner.scan(ROOT);
        assertThat(snippets).as("java snippets under " + ROOT).isNotEmpty();
        SnippetCompiler compiler = new SnippetCompiler(System.getProperty("java.class.path"));
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(snippet.name(), () -> {
            assertThat(snippet.info())
                    .as("%s: a java block is fenced as plain java (every snippet is compiled)", snippet.name())
                    .isEqualTo("java");
            if (snippet.isExcerpt()) {
                assertExcerptOf(snippet);
                return;
            }
            SnippetCompiler.Result result = compiler.compile(snippet);
            if (!result.clean()) {
                fail(String.join("\n", result.problems()) + "\n--- compiled source ---\n" + result.source());
            }
        }));
    }

    /** An excerpt is compiled where it lives: it must appear line for line in the source file it names. */
    private static void assertExcerptOf(Snippet snippet) throws IOException {
        Path source = ROOT.resolve(snippet.source());
        assertThat(source).as("%s: the source file it is taken from", snippet.name()).isRegularFile();
        List<String> lines = Files.readAllLines(source).stream().map(String::stripTrailing).toList();
        List<String> excerpt = snippet.code().lines().map(String::stripTrailing).toList();
        assertThat(Collections.indexOfSubList(lines, excerpt))
                .as("%s: appears line for line in %s", snippet.name(), snippet.source()).isNotNegative();
    }

    @Test
    void fragmentImports_whenComparedWithModuleExports_listEverySdkPackage() throws IOException {
        TreeSet<String> exported = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("sdk-")).toList()) {
                Path descriptor = module.resolve("src/main/java/module-info.java");
                if (Files.exists(descriptor)) {
                    Matcher m = EXPORTS.matcher(Files.readString(descriptor));
                    while (m.find()) {
                        exported.add(m.group(1));
                    }
                }
            }
        }
        TreeSet<String> imported = new TreeSet<>(SnippetCompiler.FRAGMENT_IMPORTS);
        imported.removeIf(pkg -> pkg.startsWith("java."));
        assertThat(imported).isEqualTo(exported);
    }
}
