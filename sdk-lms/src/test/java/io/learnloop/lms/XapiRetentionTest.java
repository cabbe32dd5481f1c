package io.learnloop.lms;

import io.learnloop.core.JobRun;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue rows of statements the LRS accepted are pruned by the daily retention job; nothing else is. */
class XapiRetentionTest {
    private final FakeLrs lrs = new FakeLrs();
    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        lrs.shutdown();
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private XapiFixture fixture(XapiFixture.Kind kind) {
        Store store = kind.open(dir);
        if (store instanceof AutoCloseable c) {
            closing.add(c);
        }
        return new XapiFixture(store, lrs.endpoint("main"));
    }

    private static void lessonCompleted(XapiFixture f, String n) {
        f.publish(EventTypes.LESSON_COMPLETED, "progress-" + n,
                Map.of("learnerId", "learner-7", "lessonId", "lesson-" + n, "courseId", "course-1"));
    }

    @ParameterizedTest
    @EnumSource(XapiFixture.Kind.class)
    void runScheduledJobs_whenSentStatementsPassTheRetention_deletesThoseOnlyAndKeepsPendingOnes(
            XapiFixture.Kind kind) {
        XapiFixture f = fixture(kind);
        lessonCompleted(f, "1");
        lessonCompleted(f, "2");
        f.clock.advance(Duration.ofDays(20));
        lessonCompleted(f, "3");
        lrs.down(true);
        lessonCompleted(f, "4");
        assertThat(lrs.statements()).hasSize(3);
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);

        f.clock.advance(Duration.ofDays(11));
        JobRun first = f.learnloop.runScheduledJobs();
        f.clock.advance(Duration.ofDays(1));
        JobRun nextDay = f.learnloop.runScheduledJobs();
        f.clock.advance(Duration.ofDays(20));
        JobRun later = f.learnloop.runScheduledJobs();

        // 30 days by default: the two statements sent on the first day go, the one sent 20 days later stays
        assertThat(first.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(2);
        assertThat(nextDay.pruned()).containsEntry(DataClasses.XAPI_SENT, 0);
        assertThat(later.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(1);
        // the statement the LRS has not taken is never pruned, and is still sent
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
        lrs.down(false);
        assertThat(f.xapi.sendPending("main")).isEqualTo(1);
        assertThat(lrs.statements()).hasSize(4);
    }
}
