package io.learnloop.community;

import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.error.Validator;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings both backends share: who may use course spaces, the course catalogue that course spaces are checked
 * against, where group goals read progress, the content filter, the per-user posting limit and the page size.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class CommunityOptions {
    private final CourseAccess courseAccess;
    private final CatalogService catalog;
    private final ProgressSource progress;
    private final ContentFilter contentFilter;
    private final int postsPerWindow;
    private final Duration postingWindow;
    private final int pageSize;

    private CommunityOptions(Builder b) {
        this.courseAccess = b.courseAccess;
        this.catalog = b.catalog;
        this.progress = b.progress;
        this.contentFilter = b.contentFilter;
        this.postsPerWindow = b.postsPerWindow;
        this.postingWindow = b.postingWindow;
        this.pageSize = b.pageSize;
    }

    /**
     * Starts building options around the course access decision, which has no default.
     *
     * @param courseAccess who may use course spaces
     * @return a builder
     */
    public static Builder builder(CourseAccess courseAccess) {
        return new Builder(courseAccess);
    }

    /**
     * Who may use course spaces.
     *
     * @return the access decision
     */
    public CourseAccess courseAccess() {
        return courseAccess;
    }

    /**
     * The course catalogue a new course space's course is checked against.
     *
     * @return the catalogue, or null if none was set (then no course space can be created)
     */
    public CatalogService catalog() {
        return catalog;
    }

    /**
     * Where group goals read progress.
     *
     * @return the source
     */
    public ProgressSource progress() {
        return progress;
    }

    /**
     * The content filter.
     *
     * @return the filter
     */
    public ContentFilter contentFilter() {
        return contentFilter;
    }

    /**
     * How many topics and replies one user may post within {@link #postingWindow()}.
     *
     * @return the limit
     */
    public int postsPerWindow() {
        return postsPerWindow;
    }

    /**
     * The sliding window of the posting limit.
     *
     * @return the window
     */
    public Duration postingWindow() {
        return postingWindow;
    }

    /**
     * The most items per page the embedded backend returns (Discourse decides its own).
     *
     * @return the page size
     */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return "CommunityOptions[postsPerWindow=" + postsPerWindow + ", postingWindow=" + postingWindow
                + ", pageSize=" + pageSize + "]";
    }

    /**
     * Builds {@link CommunityOptions}. Not thread-safe.
     */
    public static final class Builder {
        private final CourseAccess courseAccess;
        private CatalogService catalog;
        private ProgressSource progress = ProgressSource.none();
        private ContentFilter contentFilter = ContentFilter.allowAll();
        private int postsPerWindow = 20;
        private Duration postingWindow = Duration.ofMinutes(10);
        private int pageSize = 50;

        private Builder(CourseAccess courseAccess) {
            this.courseAccess = Objects.requireNonNull(courseAccess, "courseAccess");
        }

        /**
         * Sets the course catalogue, usually {@code learnloop.catalog()}. {@code createSpace} checks a course space's
         * course against it: an unknown course is refused, and so is an archived one; drafts, courses in review,
         * published and unlisted courses are accepted, so a space can be prepared before launch. Without a
         * catalogue no course space can be created (general spaces and study groups need none).
         *
         * @param catalog the catalogue
         * @return this builder
         */
        public Builder catalog(CatalogService catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Sets where group goals read progress (default: none known).
         *
         * @param progress the source
         * @return this builder
         */
        public Builder progress(ProgressSource progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Sets the content filter (default: allow all).
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder contentFilter(ContentFilter filter) {
            this.contentFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Sets the per-user posting limit (default: 20 per 10 minutes).
         *
         * @param posts  the most topics and replies per window
         * @param window the window
         * @return this builder
         */
        public Builder postingLimit(int posts, Duration window) {
            this.postsPerWindow = posts;
            this.postingWindow = window;
            return this;
        }

        /**
         * Sets the page size of the embedded backend (default 50).
         *
         * @param pageSize 1 to 500
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the options
         * @throws io.learnloop.core.error.ValidationException naming each bad setting
         */
        public CommunityOptions build() {
            new Validator()
                    .check(postsPerWindow >= 1, "postsPerWindow", "must be at least 1")
                    .check(postingWindow != null && !postingWindow.isNegative() && !postingWindow.isZero(),
                            "postingWindow", "must be a positive duration")
                    .check(pageSize >= 1 && pageSize <= 500, "pageSize", "must be between 1 and 500")
                    .throwIfInvalid();
            return new CommunityOptions(this);
        }
    }
}
