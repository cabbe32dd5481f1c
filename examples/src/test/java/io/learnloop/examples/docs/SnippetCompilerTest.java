package io.learnloop.examples.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetCompilerTest {
    private final SnippetCompiler compiler = new SnippetCompiler(System.getProperty("java.class.path"));

    @Test
    void compile_whenFragmentUsesContextDeclarations_isClean() {
        Snippet snippet = new Snippet("doc.md", 10, "java",
                "var id = learnloop.context().newId();\nActor who = creator;\n",
                List.of("Learnloop learnloop", "Actor creator"), "");

        assertThat(compiler.compile(snippet).problems()).isEmpty();
    }

    @Test
    void compile_whenFragmentUsesTypesOfTwoOnDemandImports_resolvesTheSdkOnes() {
        Snippet snippet = new Snippet("doc.md", 1, "java",
                "import io.learnloop.payment.spi.RefundRequest;\n\nEventListener listener = event -> { };\n"
                        + "Class<?> type = RefundRequest.class;\nList<Instant> times = new ArrayList<>();\n",
                List.of(), "");

        assertThat(compiler.compile(snippet).problems()).isEmpty();
    }

    @Test
    void compile_whenFragmentCallsAnAbsentMethod_reportsTheMarkdownLine() {
        Snippet snippet = new Snippet("doc.md", 10, "java",
                "// first line\nString s = learnloop.noSuchMethod();\n", List.of("Learnloop learnloop"), "");

        SnippetCompiler.Result result = compiler.compile(snippet);

        assertThat(result.problems()).singleElement().asString()
                .startsWith("doc.md:12: error:").contains("noSuchMethod");
    }

    @Test
    void compile_whenSnippetHasAWarning_reportsIt() {
        Snippet snippet = new Snippet("doc.md", 1, "java",
                "import java.util.List;\n\npublic class Raw {\n    List names = new java.util.ArrayList<String>();\n}\n",
                List.of(), "");

        assertThat(compiler.compile(snippet).problems()).singleElement().asString().contains("warning");
    }

    @Test
    void isCompilationUnit_whenTypeIsDeclaredAtTopLevelOnly_isTrue() {
        assertThat(SnippetCompiler.isCompilationUnit("import java.util.List;\n\nfinal class A {}\n")).isTrue();
        assertThat(SnippetCompiler.isCompilationUnit("@Deprecated\npublic record R(int a) {}\n")).isTrue();
        assertThat(SnippetCompiler.isCompilationUnit("Runnable r = () -> {\n    record Local(int a) {}\n};\n"))
                .isFalse();
        assertThat(SnippetCompiler.isCompilationUnit("String s = \"class A {}\"; // class B\n")).isFalse();
    }

    @Test
    void scan_whenFenceHasContextCommentAndInfo_readsBoth() {
        String markdown = """
                # Title

                <!-- snippet-context: Learnloop learnloop; Actor creator; -->

                ```java
                learnloop.context();
                ```

                ```java no-compile
                x();
                ```

                ```json
                {}
                ```

                From `a/B.java`:

                ```java
                int x = 1;
                ```

                ## Next

                ```java
                int y = 2;
                ```
                """;

        List<Snippet> snippets = SnippetScanner.scan("a.md", markdown);

        assertThat(snippets).extracting(Snippet::line).containsExactly(5, 9, 19, 25);
        assertThat(snippets).extracting(Snippet::source).containsExactly("", "", "a/B.java", "");
        assertThat(snippets.get(0).context()).containsExactly("Learnloop learnloop", "Actor creator");
        assertThat(snippets.get(0).code()).isEqualTo("learnloop.context();\n");
        assertThat(snippets.get(1).info()).isEqualTo("java no-compile");
        assertThat(snippets.get(1).context()).isEmpty();
    }
}
