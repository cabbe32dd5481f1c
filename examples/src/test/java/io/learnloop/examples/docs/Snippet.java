package io.learnloop.examples.docs;

import java.util.List;

/**
 * One fenced {@code java} code block of a Markdown file.
 *
 * @param file    the Markdown file, relative to the repository root, with forward slashes
 * @param line    the 1-based line of the opening fence
 * @param info    the fence's info string, for example {@code java}
 * @param code    the block's text, with the fence's indentation removed
 * @param context declarations from a {@code <!-- snippet-context: ... -->} comment right before the fence
 * @param source  for an excerpt, the source file (relative to the repository root) named by a
 *                {@code From `path.java`:} line earlier in the same section; empty otherwise
 */
public record Snippet(String file, int line, String info, String code, List<String> context, String source) {
    public Snippet {
        context = List.copyOf(context);
    }

    /** Returns the name a test shows for this snippet, for example {@code docs/commerce.md:42}. */
    public String name() {
        return file + ":" + line;
    }

    /** Returns true when the snippet is an excerpt of a named source file rather than a standalone snippet. */
    public boolean isExcerpt() {
        return !source.isEmpty();
    }
}
