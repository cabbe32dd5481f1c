package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.assessment.OptionView;
import io.learnloop.core.assessment.QuestionView;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's client: a video player that reports what it really played, every {@code chunk} of wall-clock time,
 * an article reader, and a quiz page. The demo clock moves on exactly as long as each thing takes.
 *
 * <p>Not thread-safe.
 */
public final class Learner {
    private final DemoPlatform platform;
    private final UserId id;
    private final Duration chunk;

    /**
     * Creates a client.
     *
     * @param platform the platform
     * @param id       the learner
     * @param chunk    how often the player reports; a device's first report is credited 30 s of wall-clock time, so
     *                 players report at least once a minute
     */
    public Learner(DemoPlatform platform, UserId id, Duration chunk) {
        this.platform = platform;
        this.id = id;
        this.chunk = chunk;
    }

    /**
     * Takes a lesson the way its medium is taken: plays a video to the end, reads an article, or passes a quiz.
     *
     * @param course the course
     * @param lesson the lesson
     */
    public void take(CourseRef course, Lesson lesson) {
        switch (lesson.type()) {
            case VIDEO, AUDIO -> play(lesson, 0, lesson.duration().toSeconds());
            case ARTICLE -> read(lesson);
            case QUIZ -> quiz(course, true);
            default -> platform.learnloop().progress().markDone(id, lesson.id());
        }
    }

    /**
     * Plays part of a video at normal speed, reporting each chunk as it is played.
     *
     * @param lesson the lesson
     * @param from   the first second
     * @param to     the last second
     * @return the last report's update
     */
    public ProgressUpdate play(Lesson lesson, long from, long to) {
        Learnloop ll = platform.learnloop();
        ProgressUpdate last = null;
        long step = Math.max(1, chunk.toSeconds());
        for (long t = from; t < to; t += step) {
            long end = Math.min(to, t + step);
            platform.clock().advance(Duration.ofSeconds(end - t));
            last = ll.progress().report(new WatchReport(id, lesson.id(), "phone", platform.clock().instant(),
                    List.of(WatchedSegment.of(t, end))));
        }
        return last;
    }

    /**
     * Reports a claim, as a tampered client would, without the time passing.
     *
     * @param lesson the lesson
     * @param from   the claimed start
     * @param to     the claimed end
     * @return the update
     */
    public ProgressUpdate claim(Lesson lesson, long from, long to) {
        platform.clock().advance(Duration.ofSeconds(5));
        return platform.learnloop().progress().report(new WatchReport(id, lesson.id(), "phone",
                platform.clock().instant(), List.of(WatchedSegment.of(from, to))));
    }

    /**
     * Opens an article, reads it for its estimated time, and marks it read.
     *
     * @param lesson the article
     * @return the update
     */
    public ProgressUpdate read(Lesson lesson) {
        platform.learnloop().progress().openArticle(id, lesson.id());
        platform.clock().advance(lesson.duration());
        return platform.learnloop().progress().markRead(id, lesson.id());
    }

    /**
     * Takes the course's final quiz.
     *
     * @param course  the course
     * @param prepared whether the learner knows the answers (else gets the choice and numeric questions wrong)
     * @return the grade
     */
    public GradeResult quiz(CourseRef course, boolean prepared) {
        Learnloop ll = platform.learnloop();
        QuizView view = ll.quizzes().start(id, course.quiz());
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (QuestionView q : view.questions()) {
            answers.put(q.key(), switch (q.type()) {
                case SINGLE_CHOICE -> Answer.choose(key(q, prepared ? "核心概念 Core ideas" : "欢迎 Welcome"));
                case TRUE_FALSE -> Answer.choose(key(q, "True"));
                case NUMERIC -> Answer.number(prepared ? "8" : "3");
                default -> throw new IllegalStateException("the demo quiz has no " + q.type() + " question");
            });
        }
        platform.clock().advance(Duration.ofMinutes(4));
        return ll.quizzes().submit(id, view.attemptId(), answers);
    }

    private static String key(QuestionView q, String text) {
        for (OptionView o : q.options()) {
            if (o.text().equals(text)) {
                return o.key();
            }
        }
        throw new IllegalStateException("no option '" + text + "' in " + q.key());
    }

    /**
     * The learner's id.
     *
     * @return the id
     */
    public UserId id() {
        return id;
    }
}
