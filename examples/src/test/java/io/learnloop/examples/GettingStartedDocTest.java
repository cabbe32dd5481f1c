package io.learnloop.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/getting-started.md honest: every Java snippet appears line for line in the source file the guide names
 * above it (so it compiles with the examples), every module in the XML snippet is one the BOM manages, and every
 * linked guide exists.
 */
class GettingStartedDocTest {
    private static final Path ROOT = Path.of("..");
    private static final Path GUIDE = ROOT.resolve("docs/getting-started.md");
    private static final Pattern FROM = Pattern.compile("^From `([^`]+\\.java)`:");

    private record Snippet(String language, Path source, List<String> lines, int line) {
    }

    private static List<Snippet> snippets() throws IOException {
        List<String> doc = Files.readAllLines(GUIDE);
        List<Snippet> out = new ArrayList<>();
        Path source = null;
        for (int i = 0; i < doc.size(); i++) {
            Matcher from = FROM.matcher(doc.get(i));
            if (from.find()) {
                source = ROOT.resolve(from.group(1));
            }
            if (doc.get(i).startsWith("```") && doc.get(i).length() > 3) {
                String language = doc.get(i).substring(3).trim();
                List<String> lines = new ArrayList<>();
                int start = i + 1;
                for (i = start; !doc.get(i).startsWith("```"); i++) {
                    lines.add(doc.get(i));
                }
                out.add(new Snippet(language, source, lines, start));
            }
        }
        return out;
    }

    @Test
    void javaSnippets_whenCompared_appearVerbatimInTheNamedSource() throws IOException {
        List<Snippet> java = snippets().stream().filter(s -> s.language().equals("java")).toList();
        assertThat(java).hasSizeGreaterThanOrEqualTo(8);
        for (Snippet s : java) {
            assertThat(s.source()).as("snippet at line %d names no source file", s.line()).isNotNull();
            List<String> source = Files.readAllLines(s.source());
            assertThat(indexOf(source, s.lines())).as("snippet at line %d in %s", s.line(), s.source())
                    .isNotNegative();
        }
    }

    private static int indexOf(List<String> source, List<String> snippet) {
        outer:
        for (int i = 0; i + snippet.size() <= source.size(); i++) {
            for (int j = 0; j < snippet.size(); j++) {
                if (!source.get(i + j).stripTrailing().equals(snippet.get(j).stripTrailing())) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void xmlSnippet_whenRead_namesOnlyModulesTheBomManages() throws IOException {
        String bom = Files.readString(ROOT.resolve("sdk-bom/pom.xml"));
        List<Snippet> xml = snippets().stream().filter(s -> s.language().equals("xml")).toList();
        assertThat(xml).hasSize(1);
        Matcher artifact = Pattern.compile("<artifactId>(sdk-[a-z]+)</artifactId>").matcher(String.join("\n", xml.get(0).lines()));
        int modules = 0;
        while (artifact.find()) {
            modules++;
            assertThat(bom).contains("<artifactId>" + artifact.group(1) + "</artifactId>");
        }
        assertThat(modules).isGreaterThanOrEqualTo(4);
    }

    @Test
    void links_whenFollowed_leadToExistingGuides() throws IOException {
        Matcher link = Pattern.compile("\\]\\(([a-z-]+\\.md)\\)").matcher(Files.readString(GUIDE));
        int links = 0;
        while (link.find()) {
            links++;
            assertThat(ROOT.resolve("docs").resolve(link.group(1))).isRegularFile();
        }
        assertThat(links).isPositive();
    }
}
