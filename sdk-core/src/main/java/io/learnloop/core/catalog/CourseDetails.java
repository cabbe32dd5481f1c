package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.util.List;

/**
 * What a course says about itself: the part of a course version shown in listings.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param title       the title, 1 to 200 characters
 * @param subtitle    a one-line subtitle of at most 300 characters, or null
 * @param description the description of at most 20,000 characters, or null
 * @param language    the language of instruction as a BCP 47 tag, for example {@code "en"} or {@code "zh-CN"}
 * @param category    the category, 1 to 100 characters (memberships may cover whole categories)
 * @param tags        up to 20 tags of at most 50 characters each (copied, duplicates dropped)
 * @param level       who the course is written for
 * @param coverUrl    a reference to the cover image of at most 2048 characters, or null
 */
public record CourseDetails(String title, String subtitle, String description, String language, String category,
                            List<String> tags, CourseLevel level, String coverUrl) {
    /**
     * Validates every field at once and copies the tags.
     *
     * @param title       the title
     * @param subtitle    the subtitle
     * @param description the description
     * @param language    the language tag
     * @param category    the category
     * @param tags        the tags
     * @param level       the level
     * @param coverUrl    the cover reference
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public CourseDetails {
        Validator v = new Validator()
                .notBlank("title", title, Limits.TITLE)
                .maxLength("subtitle", subtitle, Limits.SUBTITLE)
                .maxLength("description", description, Limits.DESCRIPTION);
        Limits.language(v, "language", language);
        v.notBlank("category", category, Limits.CATEGORY);
        tags = Limits.texts(v, "tags", tags, Limits.TAGS, Limits.TAG);
        v.notNull("level", level).maxLength("coverUrl", coverUrl, Limits.URI).throwIfInvalid();
        title = title.strip();
        category = category.strip();
    }

    /**
     * Starts details with the required fields; the rest are empty and the level is {@link CourseLevel#ALL_LEVELS}.
     *
     * @param title    the title
     * @param language the language tag
     * @param category the category
     * @return the details
     */
    public static CourseDetails of(String title, String language, String category) {
        return new CourseDetails(title, null, null, language, category, List.of(), CourseLevel.ALL_LEVELS, null);
    }
}
