package io.learnloop.core.internal.path;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.path.LearningPathService;
import io.learnloop.core.path.Milestone;
import io.learnloop.core.path.PathDraft;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks of a path draft, each problem named by its field.
 *
 * <p>Thread-safe: static functions only.
 */
final class PathValidation {
    private PathValidation() {
    }

    static void check(Validator v, PathDraft draft, Predicate<CourseId> exists, PrerequisiteGraph graph) {
        if (draft == null) {
            v.check(false, "draft", "is required");
            return;
        }
        v.notBlank("title", draft.title(), 200).maxLength("description", draft.description(), 2000);
        List<CourseId> courses = draft.courses();
        v.check(!courses.isEmpty() && courses.size() <= LearningPathService.MAX_PATH_COURSES, "courses",
                "must list 1 to " + LearningPathService.MAX_PATH_COURSES + " courses (was " + courses.size() + ")");
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < courses.size(); i++) {
            CourseId c = courses.get(i);
            String field = "courses[" + i + "]";
            if (c == null) {
                v.check(false, field, "is required");
                continue;
            }
            Integer before = position.putIfAbsent(c.value(), i);
            v.check(before == null, field, "repeats course '" + c + "' (first at courses[" + before + "])");
            v.check(before != null || exists.test(c), field, "no course '" + c + "' exists");
        }
        if (v.isValid()) {
            order(v, courses, position, graph);
        }
        milestones(v, draft.milestones(), position.keySet());
    }

    private static void order(Validator v, List<CourseId> courses, Map<String, Integer> position,
                              PrerequisiteGraph graph) {
        for (int i = 0; i < courses.size(); i++) {
            for (String p : graph.allPrerequisites(courses.get(i).value())) {
                Integer at = position.get(p);
                if (at != null && at > i) {
                    v.check(false, "courses[" + i + "]", "course '" + courses.get(i) + "' requires '" + p
                            + "' (directly or through others), which comes later at courses[" + at
                            + "]; put '" + p + "' first");
                }
            }
        }
    }

    private static void milestones(Validator v, List<Milestone> milestones, Set<String> onPath) {
        v.check(milestones.size() <= LearningPathService.MAX_MILESTONES, "milestones",
                "must hold at most " + LearningPathService.MAX_MILESTONES + " (was " + milestones.size() + ")");
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone m = milestones.get(i);
            String field = "milestones[" + i + "]";
            if (m == null) {
                v.check(false, field, "is required");
                continue;
            }
            v.notBlank(field + ".title", m.title(), 200);
            v.check(m.title() == null || titles.add(m.title().strip()), field + ".title",
                    "repeats the title '" + m.title() + "'");
            v.check(m.reachedWith() != null && onPath.contains(m.reachedWith().value()), field + ".reachedWith",
                    "must be a course of the path (was " + m.reachedWith() + ")");
        }
    }
}
