package io.learnloop.core.practice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a learner hands in: text, links and files by reference (never file bytes). At least one of them is needed;
 * {@link PracticeService#submit} checks each and names every problem.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param text  the text, up to {@value #MAX_TEXT} characters (null for none)
 * @param links up to {@value #MAX_LINKS} absolute {@code http(s)} URLs (copied; null for none)
 * @param files up to {@value #MAX_FILES} files (copied; null for none)
 */
public record SubmissionContent(String text, List<String> links, List<FileRef> files) {
    /** The longest text accepted. */
    public static final int MAX_TEXT = 100_000;
    /** The most links. */
    public static final int MAX_LINKS = 20;
    /** The most files. */
    public static final int MAX_FILES = 20;

    /**
     * Copies; a null text becomes empty and null lists become empty.
     *
     * @param text  the text
     * @param links the links
     * @param files the files
     */
    public SubmissionContent {
        text = text == null ? "" : text;
        links = links == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(links));
        files = files == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(files));
    }

    /**
     * Text only.
     *
     * @param text the text
     * @return the content
     */
    public static SubmissionContent text(String text) {
        return new SubmissionContent(text, List.of(), List.of());
    }
}
