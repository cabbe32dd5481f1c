package io.learnloop.examples.quickstart;

import io.learnloop.community.Community;
import io.learnloop.community.GroupGoal;
import io.learnloop.community.GroupProgress;
import io.learnloop.community.NewSpace;
import io.learnloop.community.NewStudyGroup;
import io.learnloop.community.Post;
import io.learnloop.community.Space;
import io.learnloop.community.StudyGroup;
import io.learnloop.community.Topic;
import io.learnloop.core.error.ForbiddenException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 4: the learning community on the embedded backend. Each course has a space that only its entitled learners
 * may enter (the community asks the access ledger); Li Ming asks a question, Emma (a member) answers, Li Ming
 * accepts the answer; Zhang Wei, who did not buy the course, is kept out; Li Ming starts a study group whose goal is
 * tracked from the members' progress.
 *
 * <p>Not thread-safe.
 */
public final class CommunityStage {
    private final DemoPlatform platform;
    private final Narrator narrator;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     */
    public CommunityStage(DemoPlatform platform, Narrator narrator) {
        this.platform = platform;
        this.narrator = narrator;
    }

    /**
     * What the stage produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param spaces        the space of each course, by course id, plus the general lounge under {@code "lounge"}
     * @param question      Li Ming's question, after the answer was accepted
     * @param answer        Emma's accepted answer
     * @param keptOut       the refusal Zhang Wei got at the Python space's door
     * @param group         the study group
     * @param groupProgress the group's progress towards its goal
     */
    public record Result(Map<String, Space> spaces, Topic question, Post answer, String keptOut, StudyGroup group,
                         GroupProgress groupProgress) {
        /**
         * Copies the map.
         *
         * @param spaces        the spaces
         * @param question      the question
         * @param answer        the answer
         * @param keptOut       the refusal
         * @param group         the group
         * @param groupProgress the progress
         */
        public Result {
            spaces = Map.copyOf(spaces);
        }
    }

    /**
     * Runs the stage.
     *
     * @param catalog what stage 1 published
     * @return what happened
     */
    public Result run(CatalogStage.Result catalog) {
        narrator.stage("Questions and answers in the community, and a study group");
        Community community = platform.community();
        Cast cast = platform.cast();
        platform.clock().advance(Duration.ofHours(5));

        Map<String, Space> spaces = new LinkedHashMap<>();
        spaces.put("lounge", community.createSpace(cast.reviewer(), NewSpace.general("Lounge 休息室")));
        for (CourseRef c : catalog.all()) {
            spaces.put(c.id().value(), community.createSpace(cast.reviewer(),
                    NewSpace.course(shorten(c.title()), c.id().value())));
        }
        narrator.say("The moderator opens %d spaces: a lounge and one per course", spaces.size());

        Space python = spaces.get(catalog.python().id().value());
        Topic question = community.createTopic(cast.liMing(), python.id(), "pandas 的 groupby 之后怎么排序？",
                "I grouped sales by city with `df.groupby('city').sum()`. How do I sort the result by revenue?", true);
        narrator.say("Li Ming asks in the Python space: \"%s\"", question.title());
        platform.clock().advance(Duration.ofMinutes(42));
        Post answer = community.reply(cast.emma(), question.id(),
                "Chain `.sort_values('revenue', ascending=False)` after the sum; add `.head(10)` for a top ten.", 1);
        narrator.say("Emma, whose membership covers programming courses, answers");
        question = community.acceptAnswer(cast.liMing(), answer.id());
        community.react(cast.liMing(), answer.id(), "heart");
        narrator.say("Li Ming accepts the answer (accepted post %s) and reacts with a heart", question.acceptedPostId());

        String keptOut;
        try {
            community.topics(cast.zhangWei(), python.id());
            throw new IllegalStateException("a learner without the course read its space");
        } catch (ForbiddenException e) {
            keptOut = e.getMessage();
        }
        narrator.say("Zhang Wei has not bought the Python course, so its space stays closed to him:");
        narrator.detail("%s", keptOut);

        Space lounge = spaces.get("lounge");
        Topic hello = community.createTopic(cast.zhangWei(), lounge.id(), "Study buddies for 机器学习实战?",
                "Finished the course, happy to help anyone starting out.", false);
        community.reply(cast.liMing(), hello.id(), "Count me in once I finish Python!", 1);

        LocalDate due = platform.clock().instant().atZone(ZoneOffset.UTC).toLocalDate().plusWeeks(4);
        StudyGroup group = community.createGroup(cast.liMing(), new NewStudyGroup("python-sprint", false,
                new GroupGoal(catalog.python().id().value(), 100, due)));
        community.join(cast.emma(), group.id());
        GroupProgress progress = community.progress(cast.liMing(), group.id());
        narrator.say("Li Ming starts the study group \"%s\" (goal: finish the Python course by %s); Emma joins", group.name(), due);
        progress.percentByUser().forEach((user, percent) -> narrator.detail("%-12s %3d%%", user, percent));
        narrator.detail("average %d%%, %d member(s) at the goal", progress.averagePercent(), progress.membersAtGoal());
        return new Result(spaces, question, answer, keptOut, group, progress);
    }

    private static String shorten(String title) {
        return title.length() <= NewSpace.MAX_NAME ? title : title.substring(0, NewSpace.MAX_NAME);
    }
}
