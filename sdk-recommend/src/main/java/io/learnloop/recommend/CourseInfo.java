package io.learnloop.recommend;

import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.List;

/**
 * The content features of a course that the content model, the business rules and the explanations use.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the course id, non-blank
 * @param title       the title (Chinese, English or both)
 * @param description the description, may be empty
 * @param tags        free tags, copied
 * @param category    the category, may be empty
 * @param creator     the creator (teacher or shop) id, may be empty
 * @param published   whether learners can buy or enrol now; unpublished courses are never recommended
 * @param createdAt   when the course was created, for the freshness boost
 */
public record CourseInfo(String id, String title, String description, List<String> tags, String category,
                         String creator, boolean published, Instant createdAt) {
    /**
     * Validates and copies; null texts become empty.
     *
     * @param id          the course id
     * @param title       the title
     * @param description the description
     * @param tags        the tags
     * @param category    the category
     * @param creator     the creator
     * @param published   whether published
     * @param createdAt   when created
     */
    public CourseInfo {
        new Validator().notBlank("id", id, 200).notNull("createdAt", createdAt).throwIfInvalid();
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
        category = category == null ? "" : category;
        creator = creator == null ? "" : creator;
    }
}
