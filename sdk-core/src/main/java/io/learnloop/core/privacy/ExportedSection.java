package io.learnloop.core.privacy;

/**
 * One file of an export archive.
 *
 * <p>Thread-safe: immutable.
 *
 * @param name    the section's name
 * @param file    its file in the archive
 * @param records how many records it holds
 */
public record ExportedSection(String name, String file, long records) {
}
