package io.learnloop.core.internal.path;

/**
 * The record every prerequisite declaration of one graph (courses, or lessons) updates. Two declarations that each
 * look acyclic on their own could close a cycle together; because both write this record, the second fails its
 * compare-and-set and runs again on a graph that holds the first. Declarations are rare authoring work, so one
 * record per graph costs nothing that matters.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       "course" or "lesson"
 * @param revision how many declarations the graph has seen
 */
public record GraphHead(String id, long revision) {
}
