package io.learnloop.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Staff;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recommender's view of a learner in their personal-data export, on the memory store and on H2. */
class StoreInteractionsExportTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Actor creator = Actor.of("creator", Role.CREATOR);
    private final Actor ann = Actor.learner("ann");
    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private Store store(String kind) {
        Store store = kind.equals("memory") ? Stores.inMemory() : JdbcStores.embeddedH2(dir);
        if (store instanceof AutoCloseable c) {
            closing.add(c);
        }
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void export_whenTheLearnerBoughtAndStudied_writesTheInteractionsTheRecommenderSees(String kind)
            throws IOException {
        AtomicReference<StoreInteractions> reader = new AtomicReference<>();
        StorePlatform p = new StorePlatform(T0, store(kind),
                b -> b.personalDataSource(StoreInteractions.personalDataSource(reader::get)));
        reader.set(StoreInteractions.of(p.learnloop(), Staff.FINANCE));
        Course java = p.publish(creator, "Java", "programming", 2);
        Offer offer = p.offer(creator, java, 19_900);
        p.advance(Duration.ofHours(1));
        p.buy(ann, "ann-1", offer);
        p.advance(Duration.ofHours(1));
        p.completeCourse(ann, java);
        // the catalogue is read when the reader is made
        reader.set(StoreInteractions.of(p.learnloop(), Staff.FINANCE));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = p.learnloop().personalData().export(ann, ann.id(), out);

        List<Interaction> expected = reader.get().interactionsOf(ann.id());
        assertThat(expected).extracting(Interaction::kind).contains(InteractionKind.PURCHASE,
                InteractionKind.PROGRESS, InteractionKind.COMPLETE);
        assertThat(manifest.sections()).contains(new ExportedSection(StoreInteractions.EXPORT_SECTION,
                StoreInteractions.EXPORT_SECTION + ".json", expected.size()));
        JsonNode section = entries(out.toByteArray()).get(StoreInteractions.EXPORT_SECTION + ".json");
        assertThat(section.findValuesAsText("kind")).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(i -> i.kind().name()).toList());
        assertThat(section.findValuesAsText("courseId")).containsOnly(java.id().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void dismiss_whenExportedThenErased_isInTheSectionThenGone(String kind) throws IOException {
        AtomicReference<StoreInteractions> reader = new AtomicReference<>();
        StorePlatform p = new StorePlatform(T0, store(kind),
                b -> b.personalDataSource(StoreInteractions.personalDataSource(reader::get))
                        .personalDataEraser(Dismissals.personalDataEraser()));
        Course java = p.publish(creator, "Java", "programming", 2);
        Dismissals dismissals = Dismissals.of(p.learnloop().context());
        Dismissal first = dismissals.dismiss(ann.id(), java.id());
        p.advance(Duration.ofHours(1));
        Dismissal again = dismissals.dismiss(ann.id(), java.id());
        reader.set(StoreInteractions.of(p.learnloop(), Staff.FINANCE));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.learnloop().personalData().export(ann, ann.id(), out);

        assertThat(again).isEqualTo(first);
        assertThat(reader.get().context(ann.id(), p.learnloop().context().now()).dismissed())
                .containsExactly(java.id().value());
        JsonNode section = entries(out.toByteArray()).get(StoreInteractions.EXPORT_SECTION + ".json");
        assertThat(section.findValuesAsText("dismissedAt")).hasSize(1);
        assertThat(section.findValuesAsText("course")).containsExactly(java.id().value());

        p.learnloop().personalData().erase(Staff.ADMIN, ann.id(), null);

        assertThat(dismissals.coursesOf(ann.id())).isEmpty();
    }

    @Test
    void export_whenTheLearnerRefusedPersonalisation_writesAnEmptySection() throws IOException {
        AtomicReference<StoreInteractions> reader = new AtomicReference<>();
        StorePlatform p = new StorePlatform(T0, Stores.inMemory(),
                b -> b.personalDataSource(StoreInteractions.personalDataSource(reader::get)));
        Course java = p.publish(creator, "Java", "programming", 2);
        p.buy(ann, "ann-1", p.offer(creator, java, 19_900));
        p.learnloop().consents().record(ann, ann.id(),
                ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v7", "settings"));
        reader.set(StoreInteractions.of(p.learnloop(), Staff.FINANCE));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = p.learnloop().personalData().export(ann, ann.id(), out);

        assertThat(manifest.sections()).contains(new ExportedSection(StoreInteractions.EXPORT_SECTION,
                StoreInteractions.EXPORT_SECTION + ".json", 0));
    }

    @Test
    void export_whenTheReaderWasNeverSet_failsNamingTheSection() {
        StorePlatform p = new StorePlatform(T0, Stores.inMemory(),
                b -> b.personalDataSource(StoreInteractions.personalDataSource(() -> null)));

        assertThatThrownBy(() -> p.learnloop().personalData().export(ann, ann.id(), new ByteArrayOutputStream()))
                .isInstanceOf(LearnloopException.class).hasMessageContaining(StoreInteractions.EXPORT_SECTION);
    }

    private static Map<String, JsonNode> entries(byte[] zip) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), JSON.readTree(in.readAllBytes()));
            }
        }
        return out;
    }
}
