package io.learnloop.lms;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Importing cmi5 course structures: what a valid one becomes, and how each kind of bad one is refused. */
class Cmi5ImportTest {
    private Cmi5Fixture f;

    @BeforeEach
    void open() {
        f = new Cmi5Fixture(RawStore.Kind.MEMORY);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void importCourse_whenStructureIsValid_trimsValuesAppliesDefaultsAndGeneratesLmsIds() {
        Cmi5Course c = f.importStructure();

        assertThat(c.publisherId()).isEqualTo(Cmi5Fixture.COURSE_ID);
        assertThat(c.title()).isEqualTo("Geology");
        assertThat(c.blocks()).singleElement().satisfies(b -> {
            assertThat(b.publisherId()).isEqualTo(Cmi5Fixture.BLOCK_ID);
            assertThat(b.aus()).containsExactly(Cmi5Fixture.ROCKS);
            assertThat(b.lmsId()).isNotEqualTo(Cmi5Fixture.BLOCK_ID).startsWith("https://learn.example.com/cmi5/");
        });
        Cmi5Au rocks = c.aus().get(0);
        assertThat(rocks.title()).isEqualTo("Rock and rock cycle");
        assertThat(rocks.url()).isEqualTo(f.base + "/content/rocks/index.html?lang=en");
        assertThat(rocks.moveOn()).isEqualTo(Cmi5MoveOn.CompletedAndPassed);
        assertThat(rocks.masteryScore()).isEqualTo(0.8);
        assertThat(rocks.launchMethod()).isEqualTo("OwnWindow");
        assertThat(rocks.launchParameters()).isEqualTo("{\"speed\":3}");
        assertThat(rocks.entitlementKey()).isEqualTo("xyz-123-9999");
        assertThat(rocks.activityType()).isEqualTo("http://adlnet.gov/expapi/activities/lesson");
        assertThat(rocks.block()).isEqualTo(Cmi5Fixture.BLOCK_ID);
        assertThat(rocks.lesson()).isEqualTo(f.rocks);
        Cmi5Au intro = c.aus().get(1);
        assertThat(intro.moveOn()).isEqualTo(Cmi5MoveOn.NotApplicable);
        assertThat(intro.launchMethod()).isEqualTo("AnyWindow");
        assertThat(intro.masteryScore()).isNull();
        assertThat(intro.block()).isNull();
        assertThat(f.lms.course(f.course.id())).contains(c);
    }

    @Test
    void importCourse_whenImportedAgain_returnsWhatIsStoredOrRefusesAChange() {
        Cmi5Course first = f.importStructure();

        assertThat(f.importStructure()).isEqualTo(first);
        String changed = f.structure().replace("masteryScore=\"0.8\"", "masteryScore=\"0.5\"");
        assertThatThrownBy(() -> f.lms.importCourse(Staff.ADMIN, new Cmi5Import(f.course.id(), changed,
                f.bindings()))).isInstanceOfSatisfying(Cmi5Exception.class, e ->
                assertThat(e.problem()).isEqualTo(Cmi5Exception.Problem.ALREADY_IMPORTED));
        assertThat(f.lms.course(f.course.id()).orElseThrow().aus().get(0).masteryScore()).isEqualTo(0.8);
    }

    @Test
    void importCourse_whenStructureUsesTheEarlierNamespace_validatesAgainstTheSameSchema() {
        String legacy = f.structure().replace("https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
                "http://www.adlnet.gov/cmi5/CourseStructure.xsd");

        Cmi5Course c = f.lms.importCourse(Staff.ADMIN, new Cmi5Import(f.course.id(), legacy, f.bindings()));

        assertThat(c.aus()).hasSize(2);
    }

    @Test
    void importCourse_whenActorIsNotAdmin_isForbidden() {
        assertThatThrownBy(() -> f.lms.importCourse(Cmi5Fixture.CREATOR, new Cmi5Import(f.course.id(),
                f.structure(), f.bindings()))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.lms.importCourse(Actor.learner("learner-1"), new Cmi5Import(f.course.id(),
                f.structure(), f.bindings()))).isInstanceOf(ForbiddenException.class);
        assertThat(f.cmi5Lines()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void importCourse_whenDocumentDeclaresExternalEntity_refusesAsUnsafeAndStoresNothing(RawStore.Kind kind) {
        try (Cmi5Fixture g = new Cmi5Fixture(kind)) {
            String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE courseStructure [<!ENTITY secret SYSTEM "
                    + "\"file:///etc/passwd\">]>\n" + g.structure().substring(g.structure().indexOf("<courseStructure"))
                    .replace("<langstring lang=\"en-US\">Geology</langstring>",
                            "<langstring lang=\"en-US\">&secret;</langstring>");

            assertThatThrownBy(() -> g.lms.importCourse(Staff.ADMIN, new Cmi5Import(g.course.id(), xxe,
                    g.bindings()))).isInstanceOfSatisfying(Cmi5Exception.class, e -> {
                        assertThat(e.problem()).isEqualTo(Cmi5Exception.Problem.MALFORMED_XML);
                        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
                    });
            assertThat(g.cmi5Lines()).isEmpty();
            assertThat(g.lms.course(g.course.id())).isEmpty();
        }
    }

    @Test
    void importCourse_whenEntityExpansionIsAttempted_refusesAsUnsafe() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                + "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><courseStructure>&lol2;</courseStructure>";

        assertRefused(bomb, Cmi5Exception.Problem.MALFORMED_XML, "DOCTYPE");
    }

    @Test
    void importCourse_whenNotWellFormed_refusesAsMalformed() {
        assertRefused(f.structure().replace("</courseStructure>", ""), Cmi5Exception.Problem.MALFORMED_XML, "line");
    }

    @Test
    void importCourse_whenRootIsNotACourseStructure_refusesWithSchemaViolation() {
        assertRefused("<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"/>",
                Cmi5Exception.Problem.SCHEMA_VIOLATION, "courseStructure");
    }

    @Test
    void importCourse_whenAuLacksItsUrl_refusesWithSchemaViolation() {
        String noUrl = f.structure().replaceFirst("(?s)<url>.*?</url>", "");

        assertRefused(noUrl, Cmi5Exception.Problem.SCHEMA_VIOLATION, "url");
    }

    @Test
    void importCourse_whenMoveOnIsNotInTheVocabulary_refusesWithSchemaViolation() {
        assertRefused(f.structure().replace("moveOn=\"CompletedAndPassed\"", "moveOn=\"Sometimes\""),
                Cmi5Exception.Problem.SCHEMA_VIOLATION, "Sometimes");
    }

    @Test
    void importCourse_whenMasteryScoreIsAboveOne_refusesWithSchemaViolation() {
        assertRefused(f.structure().replace("masteryScore=\"0.8\"", "masteryScore=\"1.5\""),
                Cmi5Exception.Problem.SCHEMA_VIOLATION, "1.5");
    }

    @Test
    void importCourse_whenLaunchUrlIsRelative_refusesNamingTheAu() {
        assertRefused(f.structure().replace(f.base + "/content/intro/index.html", "intro/index.html"),
                Cmi5Exception.Problem.INVALID_STRUCTURE, Cmi5Fixture.INTRO);
    }

    @Test
    void importCourse_whenLaunchUrlUsesACmi5ParameterName_refuses() {
        assertRefused(f.structure().replace("index.html?lang=en", "index.html?registration=1"),
                Cmi5Exception.Problem.INVALID_STRUCTURE, "registration");
    }

    @Test
    void importCourse_whenAnIdIsRepeated_refuses() {
        assertRefused(f.structure().replace("<au id=\"" + Cmi5Fixture.INTRO + "\">", "<au id=\"" + Cmi5Fixture.ROCKS
                + "\">"), Cmi5Exception.Problem.INVALID_STRUCTURE, "more than once");
    }

    @Test
    void importCourse_whenAnAuHasNoLesson_refusesNamingIt() {
        assertThatThrownBy(() -> f.lms.importCourse(Staff.ADMIN, new Cmi5Import(f.course.id(), f.structure(),
                Map.of(Cmi5Fixture.ROCKS, f.rocks)))).isInstanceOfSatisfying(Cmi5Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(Cmi5Exception.Problem.INVALID_STRUCTURE);
                    assertThat(e.getMessage()).contains(Cmi5Fixture.INTRO);
                });
        assertThat(f.cmi5Lines()).isEmpty();
    }

    @Test
    void importCourse_whenOneLessonIsBoundTwice_refuses() {
        assertThatThrownBy(() -> f.lms.importCourse(Staff.ADMIN, new Cmi5Import(f.course.id(), f.structure(),
                Map.of(Cmi5Fixture.ROCKS, f.rocks, Cmi5Fixture.INTRO, f.rocks))))
                .isInstanceOfSatisfying(Cmi5Exception.class, e -> assertThat(e.getMessage())
                        .contains("more than one AU"));
    }

    private void assertRefused(String xml, Cmi5Exception.Problem problem, String mentioned) {
        assertThatThrownBy(() -> f.lms.importCourse(Staff.ADMIN, new Cmi5Import(f.course.id(), xml, f.bindings())))
                .isInstanceOfSatisfying(Cmi5Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).contains(mentioned);
                });
        assertThat(f.cmi5Lines()).isEmpty();
    }
}
