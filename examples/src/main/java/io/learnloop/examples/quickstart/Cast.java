package io.learnloop.examples.quickstart;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;

/**
 * The people of the story. Identity belongs to the host: these are the host's user ids with the roles it gives them.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param admin    the platform's operator
 * @param reviewer the expert who reviews courses and moderates the community
 * @param wang     王芳 Wang Fang, a creator who is also a reviewer (and so tries to approve her own course)
 * @param liu      刘洋 Liu Yang, Wang Fang's co-author
 * @param alice    Alice Chen, a creator
 * @param sam      Sam Okafor, a learner who becomes a creator while the platform runs
 * @param liMing   李明 Li Ming, a learner who buys one course with a coupon
 * @param emma     Emma Wilson, a learner who buys the membership
 * @param zhangWei 张伟 Zhang Wei, a learner who buys two courses in one order and later asks for one back
 */
public record Cast(Actor admin, Actor reviewer, Actor wang, Actor liu, Actor alice, Actor sam, Actor liMing,
                   Actor emma, Actor zhangWei) {
    /**
     * The cast of the quickstart.
     *
     * @return the cast
     */
    public static Cast standard() {
        return new Cast(Actor.of("ops.admin", Role.ADMIN),
                Actor.of("reviewer.zhao", Role.REVIEWER, Role.MODERATOR),
                Actor.of("wang.fang", Role.CREATOR, Role.REVIEWER, Role.LEARNER),
                Actor.of("liu.yang", Role.CREATOR),
                Actor.of("alice.chen", Role.CREATOR, Role.LEARNER),
                Actor.of("sam.okafor", Role.LEARNER, Role.CREATOR),
                Actor.learner("li.ming"),
                Actor.learner("emma.wilson"),
                Actor.learner("zhang.wei"));
    }
}
