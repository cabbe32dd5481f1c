package io.learnloop.jdbc;

import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A catalogue lesson stored before lessons could be marked optional reads back as required. */
class LessonRecordCompatibilityTest {
    /** The lesson record as it was before the optional flag. */
    record LessonBeforeOptional(LessonId id, String title, LessonType type, Duration duration, boolean freePreview,
                                String contentRef) {
    }

    private static final AggregateType<LessonBeforeOptional> OLD =
            AggregateType.builder("lesson", LessonBeforeOptional.class, l -> l.id().value()).build();
    private static final AggregateType<Lesson> NOW =
            AggregateType.builder("lesson", Lesson.class, l -> l.id().value()).build();

    @Test
    void read_whenTheRowPredatesTheOptionalFlag_isRequired(@TempDir Path folder) {
        try (JdbcStore store = JdbcStores.embeddedH2(folder.resolve("db"))) {
            store.transact(TenantId.DEFAULT, uow -> uow.insert(OLD, new LessonBeforeOptional(LessonId.of("l-1"),
                    "intro", LessonType.VIDEO, Duration.ofMinutes(3), true, "media://v/1")));

            Lesson read = store.read(TenantId.DEFAULT, uow -> uow.get(NOW, "l-1")).value();

            assertThat(read).isEqualTo(new Lesson(LessonId.of("l-1"), "intro", LessonType.VIDEO,
                    Duration.ofMinutes(3), true, "media://v/1", false));
            assertThat(read.required()).isTrue();
        }
    }

    @Test
    void read_whenAnOptionalLessonWasStored_staysOptional(@TempDir Path folder) {
        Lesson bonus = new Lesson(LessonId.of("l-2"), "bonus", LessonType.ARTICLE, Duration.ofMinutes(4), false,
                "article://bonus", true);
        try (JdbcStore store = JdbcStores.embeddedH2(folder.resolve("db"))) {
            store.transact(TenantId.DEFAULT, uow -> uow.insert(NOW, bonus));

            Lesson read = store.read(TenantId.DEFAULT, uow -> uow.get(NOW, "l-2")).value();

            assertThat(read).isEqualTo(bonus);
            assertThat(read.required()).isFalse();
        }
    }
}
