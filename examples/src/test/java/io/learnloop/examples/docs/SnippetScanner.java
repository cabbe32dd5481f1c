package io.learnloop.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the fenced code blocks whose language is {@code java} in {@code README.md} and {@code docs/**}{@code .md}.
 *
 * <p>A block may be preceded (blank lines allowed in between) by an HTML comment
 * {@code <!-- snippet-context: Learnloop learnloop; Actor creator; -->} whose semicolon-separated declarations the
 * snippet may use without declaring them. A block in a section with an earlier line {@code From `path.java`:} is an
 * excerpt of that source file.
 */
public final class SnippetScanner {
    private static final Pattern OPEN = Pattern.compile("^( *)(`{3,}|~{3,})\\s*(\\S.*?)?\\s*$");
    private static final Pattern FROM = Pattern.compile("^From `([^`]+\\.java)`:");
    private static final Pattern CONTEXT = Pattern.compile(
            "<!--\\s*snippet-context:(.*?)-->", Pattern.DOTALL);

    private SnippetScanner() {
    }

    /** Returns the Markdown files that are checked: the README and everything under {@code docs/}, sorted. */
    public static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Returns the {@code java} blocks (any info string whose first word is {@code java}) of every file. */
    public static List<Snippet> scan(Path root) {
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : markdownFiles(root)) {
            String name = root.relativize(file).toString().replace('\\', '/');
            try {
                snippets.addAll(scan(name, Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return snippets;
    }

    /** Returns the {@code java} blocks of one Markdown text. */
    public static List<Snippet> scan(String file, String markdown) {
        String[] lines = markdown.split("\r?\n", -1);
        List<Snippet> snippets = new ArrayList<>();
        String source = "";
        int i = 0;
        while (i < lines.length) {
            Matcher open = OPEN.matcher(lines[i]);
            if (!open.matches()) {
                Matcher from = FROM.matcher(lines[i]);
                if (from.find()) {
                    source = from.group(1);
                } else if (lines[i].startsWith("#")) {
                    source = "";
                }
                i++;
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            String info = open.group(3) == null ? "" : open.group(3);
            int start = i;
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.length && !isClosing(lines[i], fence)) {
                code.append(stripIndent(lines[i], indent)).append('\n');
                i++;
            }
            i++;
            String language = info.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (language.equals("java")) {
                snippets.add(new Snippet(file, start + 1, info, code.toString(), contextBefore(lines, start), source));
            }
        }
        return snippets;
    }

    private static boolean isClosing(String line, String fence) {
        String trimmed = line.strip();
        return trimmed.length() >= fence.length() && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String stripIndent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    /** Reads the context comment that ends on the last non-blank line before the fence, if any. */
    private static List<String> contextBefore(String[] lines, int fence) {
        int end = fence - 1;
        while (end >= 0 && lines[end].isBlank()) {
            end--;
        }
        if (end < 0 || !lines[end].strip().endsWith("-->")) {
            return List.of();
        }
        int begin = end;
        while (begin >= 0 && !lines[begin].contains("<!--")) {
            begin--;
        }
        if (begin < 0) {
            return List.of();
        }
        String comment = String.join("\n", Arrays.asList(lines).subList(begin, end + 1));
        Matcher m = CONTEXT.matcher(comment);
        if (!m.find()) {
            return List.of();
        }
        return Arrays.stream(m.group(1).split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
