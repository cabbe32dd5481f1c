package io.learnloop.core.path;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Catalogue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Random sequences of prerequisite declarations never leave a cycle behind, and refuse only what would close one. */
class PrerequisiteDagProperties {
    private static final int COURSES = 6;
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);

    /** One declaration: a course and the courses it should require from now on. */
    record Edit(int course, Set<Integer> requires) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Integer> course = Arbitraries.integers().between(0, COURSES - 1);
        Arbitrary<Edit> edit = Combinators.combine(course, course.set().ofMaxSize(3)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 60)
    void declareCourse_whenEditedAtRandom_neverAdmitsACycle(@ForAll("edits") List<Edit> edits) {
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("d"))
                .build();
        LearningPathService paths = learnloop.paths();
        List<CourseId> ids = new ArrayList<>();
        for (int i = 0; i < COURSES; i++) {
            ids.add(Catalogue.publishedId(learnloop, ADA, "Course " + i));
        }
        Map<Integer, Set<Integer>> model = new HashMap<>();
        for (Edit e : edits) {
            Map<Integer, Set<Integer>> proposed = new HashMap<>(model);
            proposed.put(e.course(), e.requires());
            boolean refused = false;
            try {
                paths.declareCourse(ADA, ids.get(e.course()),
                        new HashSet<>(e.requires().stream().map(ids::get).toList()));
            } catch (PrerequisiteCycleException | ValidationException refusal) {
                refused = true;
            }
            assertThat(refused).as("refused exactly when %s would close a cycle", e).isEqualTo(hasCycle(proposed));
            if (!refused) {
                model = proposed;
            }
            Map<Integer, Set<Integer>> stored = stored(paths, ids);
            assertThat(stored).as("stored graph after %s", e).isEqualTo(withEmpty(model));
            assertThat(hasCycle(stored)).isFalse();
        }
    }

    private static Map<Integer, Set<Integer>> stored(LearningPathService paths, List<CourseId> ids) {
        Map<Integer, Set<Integer>> graph = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Set<Integer> requires = new HashSet<>();
            for (CourseId r : paths.courseRequirements(ADA, ids.get(i)).requires()) {
                requires.add(ids.indexOf(r));
            }
            graph.put(i, requires);
        }
        return graph;
    }

    private static Map<Integer, Set<Integer>> withEmpty(Map<Integer, Set<Integer>> graph) {
        Map<Integer, Set<Integer>> all = new HashMap<>();
        for (int i = 0; i < COURSES; i++) {
            all.put(i, graph.getOrDefault(i, Set.of()));
        }
        return all;
    }

    /** Kahn's algorithm: a graph is acyclic exactly when every node can be removed once its prerequisites are. */
    private static boolean hasCycle(Map<Integer, Set<Integer>> graph) {
        Map<Integer, Integer> waiting = new HashMap<>();
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        for (int n = 0; n < COURSES; n++) {
            Set<Integer> requires = graph.getOrDefault(n, Set.of());
            waiting.put(n, requires.size());
            for (int r : requires) {
                dependents.computeIfAbsent(r, k -> new ArrayList<>()).add(n);
            }
        }
        Deque<Integer> free = new ArrayDeque<>();
        waiting.forEach((n, count) -> {
            if (count == 0) {
                free.add(n);
            }
        });
        int removed = 0;
        while (!free.isEmpty()) {
            int n = free.poll();
            removed++;
            for (int d : dependents.getOrDefault(n, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    free.add(d);
                }
            }
        }
        return removed < COURSES;
    }
}
