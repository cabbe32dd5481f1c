package io.learnloop.core.internal.path;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a prerequisite graph given as "the direct prerequisites of a node". Each node's prerequisites are read at
 * most once per walk, so a walk costs the part of the graph it reaches.
 *
 * <p>Not thread-safe: one per unit of work.
 */
final class PrerequisiteGraph {
    private final Function<String, List<String>> requiresOf;
    private final Map<String, List<String>> read = new HashMap<>();

    /**
     * @param requiresOf the direct prerequisites of a node (empty when it has none)
     */
    PrerequisiteGraph(Function<String, List<String>> requiresOf) {
        this.requiresOf = requiresOf;
    }

    private List<String> edges(String node) {
        return read.computeIfAbsent(node, requiresOf);
    }

    /**
     * The cycle that giving {@code node} the prerequisites {@code requires} would close, or empty when none would:
     * a cycle exists exactly when {@code node} is reachable from one of them.
     *
     * @param node     the node being declared
     * @param requires its new direct prerequisites
     * @return the cycle from {@code node} back to itself, or empty
     */
    List<String> cycleThrough(String node, Collection<String> requires) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String r : requires) {
            if (r.equals(node)) {
                return List.of(node, node);
            }
            if (reachedFrom.putIfAbsent(r, node) == null) {
                todo.add(r);
            }
        }
        while (!todo.isEmpty()) {
            String at = todo.poll();
            for (String next : edges(at)) {
                if (next.equals(node)) {
                    List<String> cycle = new ArrayList<>();
                    cycle.add(node);
                    for (String n = at; !n.equals(node); n = reachedFrom.get(n)) {
                        cycle.add(n);
                    }
                    cycle.add(node);
                    // collected backwards from the end of the chain: node -> ... -> at, then node
                    Collections.reverse(cycle.subList(1, cycle.size() - 1));
                    return cycle;
                }
                if (reachedFrom.putIfAbsent(next, at) == null) {
                    todo.add(next);
                }
            }
        }
        return List.of();
    }

    /**
     * Every node {@code node} requires, directly or through others.
     *
     * @param node the node
     * @return its prerequisites, nearest first
     */
    Set<String> allPrerequisites(String node) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(edges(node));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            if (seen.add(at)) {
                todo.addAll(edges(at));
            }
        }
        seen.remove(node);
        return seen;
    }
}
