package io.learnloop.recommend.data;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the Open University Learning Analytics Dataset (OULAD, Kuzilek, Hlosta and Zdrahal, Scientific Data 4,
 * 170171, 2017; CC BY 4.0) as learner x learning-material clicks: every {@code studentVle} row becomes a
 * {@link InteractionKind#VIEW} of the material {@code id_site} by {@code id_student}, weighted by
 * {@code sum_click}. Its time is the presentation start (1 February for "B", 1 October for "J" presentations) plus
 * {@code date} days. {@code vle.csv} gives each material its features: the activity type as category, the module
 * and presentation as tags and creator.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class Oulad {
    private static final String VLE_HEADER = "id_site,code_module,code_presentation,activity_type,week_from,week_to";
    private static final String STUDENT_VLE_HEADER = "code_module,code_presentation,id_student,id_site,date,sum_click";

    private Oulad() {
    }

    /**
     * Reads {@code vle.csv} and {@code studentVle.csv} (or {@code studentVle.csv.gz}) from a directory. The
     * catalogue holds the {@code vle.csv} materials of every module-presentation that has clicks, including
     * materials nobody clicked.
     *
     * @param dir the directory
     * @return the dataset
     * @throws DataFileException if a file is missing or unreadable, a header differs or a row is malformed (with
     *                           its line number)
     */
    public static Dataset read(Path dir) {
        Path vle = dir.resolve("vle.csv");
        Path clicks = dir.resolve("studentVle.csv");
        if (!Files.exists(clicks)) {
            clicks = dir.resolve("studentVle.csv.gz");
        }
        if (!Files.exists(vle)) {
            throw new DataFileException(vle.toString(), 0, "not found; point to the OULAD directory holding vle.csv");
        }
        if (!Files.exists(clicks)) {
            throw new DataFileException(dir.resolve("studentVle.csv").toString(), 0,
                    "not found (nor studentVle.csv.gz); point to the OULAD directory");
        }
        List<CourseInfo> courses = readVle(vle);
        Map<String, CourseInfo> byId = new HashMap<>();
        for (CourseInfo c : courses) {
            byId.put(c.id(), c);
        }
        java.util.Set<String> presentations = new java.util.HashSet<>();
        List<Interaction> interactions = readClicks(clicks, byId, presentations);
        // Materials of presentations absent from studentVle (it may be a subset) are left out of the catalogue.
        List<CourseInfo> used = courses.stream().filter(c -> presentations.contains(c.tags().get(1))).toList();
        return new Dataset("OULAD studentVle", interactions, used);
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void checkHeader(String name, String line, String expected) {
        String header = line == null ? "" : String.join(",", Csv.fields(name, 1, line.strip()));
        if (!header.equals(expected)) {
            throw new DataFileException(name, 1, "expected the header " + expected + " but found '" + line + "'");
        }
    }

    /**
     * Returns the start of a presentation such as {@code 2013J}.
     *
     * @param presentation the presentation code
     * @return its start date, or null when the code is malformed
     */
    static LocalDate presentationStart(String presentation) {
        if (presentation.length() != 5) {
            return null;
        }
        int year;
        try {
            year = Integer.parseInt(presentation.substring(0, 4));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (presentation.charAt(4)) {
            case 'B' -> LocalDate.of(year, 2, 1);
            case 'J' -> LocalDate.of(year, 10, 1);
            default -> null;
        };
    }

    private static List<CourseInfo> readVle(Path file) {
        String name = file.getFileName().toString();
        List<CourseInfo> out = new ArrayList<>();
        try (BufferedReader in = open(file)) {
            checkHeader(name, in.readLine(), VLE_HEADER);
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.fields(name, number, line);
                if (f.size() != 6) {
                    throw new DataFileException(name, number, "expected 6 fields, found " + f.size());
                }
                String site = f.get(0);
                String module = f.get(1);
                String presentation = f.get(2);
                String activity = f.get(3);
                LocalDate start = presentationStart(presentation);
                if (site.isEmpty() || !site.chars().allMatch(Character::isDigit)) {
                    throw new DataFileException(name, number, "id_site must be a number, was '" + site + "'");
                }
                if (start == null) {
                    throw new DataFileException(name, number, "code_presentation must look like 2013J, was '"
                            + presentation + "'");
                }
                int week = parseOptionalInt(name, number, "week_from", f.get(4));
                String title = activity + " " + module + " " + presentation + (week > 0 ? " week " + week : "");
                out.add(new CourseInfo(site, title, "", List.of(module, module + " " + presentation), activity,
                        module, true, start.plusWeeks(Math.max(0, week)).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
        } catch (IOException e) {
            throw new DataFileException(name, e);
        }
        return out;
    }

    private static int parseOptionalInt(String name, long number, String field, String value) {
        if (value.isEmpty() || value.equals("?")) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DataFileException(name, number, field + " must be a whole number or empty, was '" + value + "'");
        }
    }

    private static List<Interaction> readClicks(Path file, Map<String, CourseInfo> sites,
                                                 java.util.Set<String> presentations) {
        String name = file.getFileName().toString();
        List<Interaction> out = new ArrayList<>();
        Map<String, LocalDate> starts = new HashMap<>();
        try (BufferedReader in = open(file)) {
            checkHeader(name, in.readLine(), STUDENT_VLE_HEADER);
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.fields(name, number, line);
                if (f.size() != 6) {
                    throw new DataFileException(name, number, "expected 6 fields, found " + f.size());
                }
                String presentation = f.get(1);
                LocalDate start = starts.computeIfAbsent(presentation, Oulad::presentationStart);
                if (start == null) {
                    starts.remove(presentation);
                    throw new DataFileException(name, number, "code_presentation must look like 2013J, was '"
                            + presentation + "'");
                }
                String student = f.get(2);
                String site = f.get(3);
                if (student.isEmpty() || site.isEmpty()) {
                    throw new DataFileException(name, number, "id_student and id_site must not be empty");
                }
                if (!sites.containsKey(site)) {
                    throw new DataFileException(name, number, "id_site " + site + " is not in vle.csv");
                }
                int date;
                int clicks;
                try {
                    date = Integer.parseInt(f.get(4));
                    clicks = Integer.parseInt(f.get(5));
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, number, "date and sum_click must be whole numbers, were '"
                            + f.get(4) + "' and '" + f.get(5) + "'");
                }
                if (clicks < 0) {
                    throw new DataFileException(name, number, "sum_click must not be negative, was " + clicks);
                }
                presentations.add(f.get(0) + " " + presentation);
                out.add(new Interaction(student, site, InteractionKind.VIEW, clicks,
                        start.plusDays(date).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
        } catch (IOException e) {
            throw new DataFileException(name, e);
        }
        return out;
    }
}
