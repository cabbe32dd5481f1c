package io.learnloop.jdbc;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default: an H2 file database in a folder the host names, migrated on first use. */
class EmbeddedH2Test {
    record Note(String id, String text) {
    }

    private static final AggregateType<Note> NOTES = AggregateType.builder("note", Note.class, Note::id).build();

    @Test
    void embeddedH2_whenReopened_keepsTheData(@TempDir Path folder) {
        Path dir = folder.resolve("data");
        try (JdbcStore store = JdbcStores.embeddedH2(dir)) {
            store.transact(TenantId.DEFAULT, uow -> uow.insert(NOTES, new Note("n1", "kept on disk")));
        }

        try (JdbcStore store = JdbcStores.embeddedH2(dir)) {
            assertThat(store.read(TenantId.DEFAULT, uow -> uow.get(NOTES, "n1")).value().text()).isEqualTo("kept on disk");
            assertThat(store.toString()).contains("H2").contains(dir.getFileName().toString());
        }
        assertThat(dir.resolve("learnloop.mv.db")).exists();
    }

    @Test
    void embeddedH2_whenFolderIsAFile_saysWhichFolderToFix(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> JdbcStores.embeddedH2(file))
                .isInstanceOf(LearnloopException.class)
                .hasMessageContaining("not-a-folder")
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }
}
