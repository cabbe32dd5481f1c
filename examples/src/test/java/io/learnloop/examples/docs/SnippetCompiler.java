package io.learnloop.examples.docs;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a documentation snippet in memory with {@code javac -Xlint:all} against a class path; class files are
 * discarded (snippets are compiled, never run).
 *
 * <p>A snippet that declares a top-level type (or a package) is compiled as it is. Any other snippet is a fragment:
 * its leading {@code import} lines are kept as imports and the rest becomes the body of a method of a class that
 * imports {@link #FRAGMENT_IMPORTS} on demand (and {@link #FRAGMENT_TYPE_IMPORTS}), preceded by the snippet's context declarations as local variables
 * (initialised to {@code null} unless the declaration has its own initialiser). Not thread-safe.
 */
public final class SnippetCompiler {
    /** The packages a fragment imports on demand: a few JDK packages and every package the SDK modules export. */
    public static final List<String> FRAGMENT_IMPORTS = List.of(
            "java.util", "java.time", "java.math", "java.nio.file",
            // sdk-core
            "io.learnloop.core", "io.learnloop.core.error", "io.learnloop.core.access", "io.learnloop.core.catalog",
            "io.learnloop.core.commerce", "io.learnloop.core.event", "io.learnloop.core.identity",
            "io.learnloop.core.json", "io.learnloop.core.ledger", "io.learnloop.core.money", "io.learnloop.core.store",
            "io.learnloop.core.learning", "io.learnloop.core.assessment", "io.learnloop.core.credential",
            "io.learnloop.core.review", "io.learnloop.core.settlement", "io.learnloop.core.privacy",
            "io.learnloop.core.recall", "io.learnloop.core.path", "io.learnloop.core.retention",
            "io.learnloop.core.reputation",
            "io.learnloop.core.practice",
            "io.learnloop.core.subscription",
            // sdk-http
            "io.learnloop.http",
            // sdk-payment
            "io.learnloop.payment", "io.learnloop.payment.spi", "io.learnloop.payment.sandbox",
            "io.learnloop.payment.alipay", "io.learnloop.payment.stripe", "io.learnloop.payment.wechat",
            "io.learnloop.payment.apple",
            // sdk-recommend
            "io.learnloop.growth", "io.learnloop.recommend", "io.learnloop.recommend.data",
            "io.learnloop.recommend.eval",
            // sdk-community
            "io.learnloop.community",
            // sdk-lms
            "io.learnloop.lms",
            // sdk-jdbc
            "io.learnloop.jdbc",
            // sdk-rest
            "io.learnloop.rest");

    /**
     * Single-type imports that settle a clash between two on-demand imports in the SDK's favour
     * ({@code java.util.EventListener}). Types that two SDK packages share ({@code RefundRequest})
     * stay ambiguous: a fragment that uses one imports it itself.
     */
    public static final List<String> FRAGMENT_TYPE_IMPORTS = List.of("io.learnloop.core.event.EventListener");

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+"
                    + "|@\\w+(?:\\([^)]*\\))?\\s+)*(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*public\\s+(?:(?:abstract|final|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
    private static final String FRAGMENT_CLASS = "DocSnippet";

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final String classPath;

    /** Creates a compiler that resolves the snippets' types on {@code classPath}. */
    public SnippetCompiler(String classPath) {
        if (compiler == null) {
            throw new IllegalStateException("No system Java compiler: run the tests on a JDK, not a JRE");
        }
        this.classPath = classPath;
    }

    /**
     * The result of compiling one snippet.
     *
     * @param source   the compilation unit that was compiled (the snippet itself, or the fragment wrapped)
     * @param problems every error and warning, each prefixed with the Markdown line it points to
     */
    public record Result(String source, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** Returns true when javac reported neither an error nor a warning. */
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** Returns true when the snippet declares a package or a top-level type, so it is compiled as it is. */
    public static boolean isCompilationUnit(String code) {
        String sanitized = sanitize(code);
        int depth = 0;
        for (String line : sanitized.split("\n", -1)) {
            if (depth == 0 && (line.strip().startsWith("package ") || TYPE_DECLARATION.matcher(line).find())) {
                return true;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
        }
        return false;
    }

    /** Compiles the snippet and returns the generated source with every problem javac reported. */
    public Result compile(Snippet snippet) {
        String code = snippet.code();
        Unit unit = isCompilationUnit(code) ? asIs(code) : wrap(code, snippet.context());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject source = new Source(unit.fileName(), unit.source());
        List<String> options = List.of("-Xlint:all", "-proc:none", "--release", "17", "-classpath", classPath);
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        try (DiscardingFileManager files = new DiscardingFileManager(standard)) {
            compiler.getTask(null, files, diagnostics, options, null, List.of(source)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
                    || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                long line = d.getLineNumber() < 1 ? snippet.line()
                        : snippet.line() + d.getLineNumber() - unit.firstCodeLine() + 1;
                problems.add(snippet.file() + ":" + line + ": " + d.getKind().toString().toLowerCase(Locale.ROOT)
                        + ": " + d.getMessage(Locale.ROOT).replaceAll("\\s*\\n\\s*", "; "));
            }
        }
        return new Result(unit.source(), problems);
    }

    private static Unit asIs(String code) {
        String name = FRAGMENT_CLASS;
        Matcher m = PUBLIC_TYPE.matcher("");
        for (String line : sanitize(code).split("\n", -1)) {
            if (m.reset(line).find()) {
                name = m.group(1);
                break;
            }
        }
        return new Unit(name + ".java", code, 1);
    }

    /** Wraps a fragment; its own import lines become blank lines in the body so line numbers still match. */
    private static Unit wrap(String code, List<String> context) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        boolean leading = true;
        for (String line : code.split("\n", -1)) {
            if (leading && IMPORT.matcher(line).matches()) {
                imports.append(line.strip()).append('\n');
                body.append('\n');
            } else {
                leading = leading && (line.isBlank() || line.strip().startsWith("//"));
                body.append(line).append('\n');
            }
        }
        StringBuilder source = new StringBuilder();
        for (String pkg : FRAGMENT_IMPORTS) {
            source.append("import ").append(pkg).append(".*;\n");
        }
        for (String type : FRAGMENT_TYPE_IMPORTS) {
            source.append("import ").append(type).append(";\n");
        }
        source.append(imports);
        source.append("\nclass ").append(FRAGMENT_CLASS).append(" {\n");
        source.append("    void snippet() throws Exception {\n");
        for (String declaration : context) {
            source.append("        ").append(declaration.contains("=") ? declaration : declaration + " = null")
                    .append(";\n");
        }
        int firstCodeLine = (int) source.chars().filter(c -> c == '\n').count() + 1;
        source.append(body);
        source.append("    }\n}\n");
        return new Unit(FRAGMENT_CLASS + ".java", source.toString(), firstCodeLine);
    }

    /** Blanks out comments and string, text block and character literals, keeping line breaks. */
    static String sanitize(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            if (code.startsWith("//", i)) {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                code.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
                i = end;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                end = end < 0 ? code.length() : end + 3;
                code.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
                out.append("\"\"");
                i = end;
            } else if (code.charAt(i) == '"' || code.charAt(i) == '\'') {
                char quote = code.charAt(i);
                i++;
                while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(quote).append(quote);
            } else {
                out.append(code.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private record Unit(String fileName, String source, int firstCodeLine) {
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String fileName, String text) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class DiscardingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        DiscardingFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream();
                }
            };
        }
    }
}
