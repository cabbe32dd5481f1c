package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Au;
import io.learnloop.lms.Cmi5Block;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Course;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5Import;
import io.learnloop.lms.Cmi5MoveOn;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.BlockRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StructureRow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports course structures (cmi5 section 6.1): parses and validates the document, binds each AU to a lesson of the
 * Learnloop course, generates the LMS's own ids for the course, its blocks and its AUs (section 9.3.9: the ids of
 * {@code satisfied} statements must not be the publisher's), and stores it all in one unit of work.
 *
 * <p>Thread-safe: immutable.
 */
final class Importer {
    private final Learnloop learnloop;
    private final ServiceContext context;
    private final Cmi5Config config;

    Importer(Learnloop learnloop, Cmi5Config config) {
        this.learnloop = learnloop;
        this.context = learnloop.context();
        this.config = config;
    }

    Cmi5Course importCourse(Actor admin, Cmi5Import request) {
        admin.require(Role.ADMIN, "import a cmi5 course structure");
        ParsedStructure parsed = CourseStructureParser.parse(request.xml());
        Course course = learnloop.catalog().course(request.course());
        Map<String, LessonId> bindings = bind(parsed, course, request.lessons());
        String courseKey = request.course().value();
        String digest = Ids.digest(request.xml() + "\n" + new TreeMap<>(request.lessons()));
        Optional<StructureRow> existing = context.read(uow -> uow.find(Cmi5Types.STRUCTURE, courseKey))
                .map(Versioned::value);
        if (existing.isPresent()) {
            return same(existing.get(), digest, request.course());
        }
        String lmsCourse = config.activityIdBase() + "/courses/" + URLEncoder.encode(courseKey, StandardCharsets.UTF_8);
        List<BlockRow> blocks = new ArrayList<>();
        for (int i = 0; i < parsed.blocks().size(); i++) {
            ParsedStructure.Block b = parsed.blocks().get(i);
            blocks.add(new BlockRow(b.id(), lmsId(lmsCourse + "/blocks/" + i, b.id()), b.title(), b.parent(), b.aus()));
        }
        List<AuRow> aus = new ArrayList<>();
        for (int i = 0; i < parsed.aus().size(); i++) {
            ParsedStructure.Au a = parsed.aus().get(i);
            aus.add(new AuRow(Ids.hash(courseKey, Integer.toString(i)), courseKey, i, a.id(),
                    lmsId(lmsCourse + "/aus/" + i, a.id()), a.title(), a.url(), a.launchMethod(), a.moveOn(),
                    a.masteryScore(), a.launchParameters(), a.entitlementKey(), a.activityType(), a.block(),
                    bindings.get(a.id()).value()));
        }
        StructureRow row = new StructureRow(courseKey, parsed.courseId(), lmsId(lmsCourse, parsed.courseId()),
                parsed.title(), blocks, aus.size(), digest, context.now());
        try {
            context.transact(uow -> {
                uow.insert(Cmi5Types.STRUCTURE, row);
                aus.forEach(a -> uow.insert(Cmi5Types.AU, a));
                return null;
            });
        } catch (ConflictException e) {
            Optional<StructureRow> raced = context.read(uow -> uow.find(Cmi5Types.STRUCTURE, courseKey))
                    .map(Versioned::value);
            if (raced.isPresent()) {
                return same(raced.get(), digest, request.course());
            }
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "A lesson bound here is already bound to an AU of "
                    + "another imported structure; bind each lesson to one AU only.", e);
        }
        return view(row, aus, request.course());
    }

    private Cmi5Course same(StructureRow existing, String digest, CourseId course) {
        if (!existing.digest().equals(digest)) {
            throw new Cmi5Exception(Problem.ALREADY_IMPORTED, "Course '" + course.value() + "' already has the cmi5 "
                    + "structure '" + existing.publisherId() + "' imported at " + existing.importedAt() + "; "
                    + "registrations refer to its AUs, so it is not replaced. Deliver a changed structure in a new "
                    + "course.");
        }
        return find(course).orElseThrow();
    }

    Optional<Cmi5Course> find(CourseId course) {
        return context.read(uow -> uow.find(Cmi5Types.STRUCTURE, course.value()).map(s -> view(s.value(),
                uow.findRange(Cmi5Types.AU, "course", course.value(), IndexRange.first(IndexRange.MAX_LIMIT))
                        .stream().map(Versioned::value).toList(), course)));
    }

    private static Map<String, LessonId> bind(ParsedStructure parsed, Course course, Map<String, LessonId> lessons) {
        CourseContent content = course.published();
        if (content == null) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "Course '" + course.id().value() + "' is not "
                    + "published; publish it before binding its lessons to AUs.");
        }
        Map<LessonId, Lesson> byId = new HashMap<>();
        content.lessons().forEach(l -> byId.put(l.id(), l));
        List<String> wrong = new ArrayList<>();
        Set<String> auIds = new HashSet<>();
        Set<LessonId> used = new HashSet<>();
        for (ParsedStructure.Au au : parsed.aus()) {
            auIds.add(au.id());
            LessonId lesson = lessons.get(au.id());
            if (lesson == null) {
                wrong.add("AU '" + au.id() + "' has no lesson");
                continue;
            }
            Lesson l = byId.get(lesson);
            if (l == null) {
                wrong.add("lesson '" + lesson.value() + "' of AU '" + au.id() + "' is not a published lesson of the "
                        + "course");
            } else if (!completedByDone(l)) {
                wrong.add("lesson '" + lesson.value() + "' of AU '" + au.id() + "' is a " + l.type() + " lesson with "
                        + "a duration, which only watching completes; bind a live lesson");
            }
            if (!used.add(lesson)) {
                wrong.add("lesson '" + lesson.value() + "' is bound to more than one AU");
            }
        }
        for (String key : lessons.keySet()) {
            if (!auIds.contains(key)) {
                wrong.add("'" + key + "' is not the id of an AU in the structure");
            }
        }
        if (!wrong.isEmpty()) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The AUs cannot be bound to the course's lessons: "
                    + String.join("; ", wrong) + ".");
        }
        return lessons;
    }

    /** The lessons the progress service's "done" completes (the core maps them to kind OTHER). */
    private static boolean completedByDone(Lesson l) {
        return l.type() == LessonType.LIVE || (l.type() != LessonType.ARTICLE && l.type() != LessonType.QUIZ
                && l.duration().isZero());
    }

    private static String lmsId(String generated, String publisherId) {
        return generated.equals(publisherId) ? generated + "/lms" : generated;
    }

    private static Cmi5Course view(StructureRow s, List<AuRow> aus, CourseId course) {
        List<Cmi5Block> blocks = new ArrayList<>();
        for (BlockRow b : s.blocks()) {
            blocks.add(new Cmi5Block(b.publisherId(), b.lmsId(), b.title(),
                    b.parent() < 0 ? null : s.blocks().get(b.parent()).publisherId(),
                    b.aus().stream().map(i -> aus.get(i).publisherId()).toList()));
        }
        List<Cmi5Au> views = aus.stream().map(a -> new Cmi5Au(a.publisherId(), a.activityId(), a.title(), a.url(),
                a.launchMethod(), Cmi5MoveOn.valueOf(a.moveOn()), a.masteryScore(), a.launchParameters(),
                a.entitlementKey(), a.activityType(), a.block() < 0 ? null : s.blocks().get(a.block()).publisherId(),
                LessonId.of(a.lesson()))).toList();
        return new Cmi5Course(course, s.publisherId(), s.lmsId(), s.title(), blocks, views, s.importedAt());
    }
}
