package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of reputation: points per source, how fast they decay, the anti-gaming cap, and what a score unlocks.
 *
 * <pre>{@code
 * ReputationPolicy policy = ReputationPolicy.defaults()
 *     .withHalfLife(Duration.ofDays(90))
 *     .withCoupons(List.of(CouponReward.percent("helper-10", 100, 1000, Duration.ofDays(30))));
 * }</pre>
 *
 * <p>Thread-safe: immutable record.
 *
 * @param points              points per source, 1 to 1000 each; a source left out is worth the default
 * @param halfLife            how long until an entry counts half, at least one day
 * @param dailyCapPerActor    how many awards one actor may give in a UTC day, 1 to 10000
 * @param roles               the roles a score unlocks, one threshold per role
 * @param coupons             the coupons a score earns, one reward per name
 * @param helpfulPostsForBadge how many helpful-post entries earn {@link Achievement#helpfulPosts}, or 0 for none
 */
public record ReputationPolicy(Map<ReputationSource, Integer> points, Duration halfLife, int dailyCapPerActor,
                               List<RoleThreshold> roles, List<CouponReward> coupons, int helpfulPostsForBadge) {
    /** The default points: accepted answer 15, helpful post 5, peer review 10, shared note marked helpful 5. */
    public static final Map<ReputationSource, Integer> DEFAULT_POINTS = Map.of(ReputationSource.ACCEPTED_ANSWER, 15,
            ReputationSource.HELPFUL_POST, 5, ReputationSource.PEER_REVIEW, 10, ReputationSource.SHARED_NOTE, 5);
    /** The default half-life: 180 days. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(180);
    /** The default daily cap of one actor's awards. */
    public static final int DEFAULT_DAILY_CAP = 30;
    /** The default score of a {@link ReputationRole#COMMUNITY_MENTOR}. */
    public static final double DEFAULT_MENTOR_POINTS = 200;

    /**
     * Validates every field at once and copies.
     *
     * @param points               points per source
     * @param halfLife             the half-life
     * @param dailyCapPerActor     the daily cap
     * @param roles                the role thresholds
     * @param coupons              the coupon rewards
     * @param helpfulPostsForBadge the helpful-post badge's count
     */
    public ReputationPolicy {
        Map<ReputationSource, Integer> all = new EnumMap<>(DEFAULT_POINTS);
        if (points != null) {
            all.putAll(points);
        }
        roles = roles == null ? List.of() : roles;
        coupons = coupons == null ? List.of() : coupons;
        new Validator()
                .check(all.values().stream().allMatch(p -> p != null && p >= 1 && p <= 1000), "points",
                        "every source must be worth 1 to 1000 points")
                .check(halfLife != null && halfLife.compareTo(Duration.ofDays(1)) >= 0, "halfLife",
                        "must be at least one day")
                .check(dailyCapPerActor >= 1 && dailyCapPerActor <= 10_000, "dailyCapPerActor",
                        "must be 1 to 10000 (was " + dailyCapPerActor + ")")
                .check(roles.stream().noneMatch(Objects::isNull)
                        && new HashSet<>(roles.stream().map(RoleThreshold::role).toList()).size() == roles.size(),
                        "roles", "must not be null or name a role twice")
                .check(coupons.stream().noneMatch(Objects::isNull)
                        && new HashSet<>(coupons.stream().map(CouponReward::name).toList()).size() == coupons.size(),
                        "coupons", "must not be null or repeat a name")
                .check(roles.size() <= 50 && coupons.size() <= 50, "roles", "at most 50 roles and 50 coupons")
                .check(helpfulPostsForBadge >= 0, "helpfulPostsForBadge", "must not be negative")
                .throwIfInvalid();
        points = Map.copyOf(all);
        roles = List.copyOf(roles);
        coupons = List.copyOf(coupons);
    }

    /**
     * The defaults: {@link #DEFAULT_POINTS}, a half-life of 180 days, 30 awards per actor per UTC day, a community
     * mentor at 200 points, no coupons, and a badge at 10 helpful posts.
     *
     * @return the policy
     */
    public static ReputationPolicy defaults() {
        return new ReputationPolicy(DEFAULT_POINTS, DEFAULT_HALF_LIFE, DEFAULT_DAILY_CAP,
                List.of(new RoleThreshold(ReputationRole.COMMUNITY_MENTOR, DEFAULT_MENTOR_POINTS)), List.of(), 10);
    }

    /**
     * The points one source is worth.
     *
     * @param source the source
     * @return the points
     */
    public int pointsOf(ReputationSource source) {
        return points.get(source);
    }

    /**
     * The same policy with other points for some sources.
     *
     * @param changed the changed sources' points
     * @return the changed policy
     */
    public ReputationPolicy withPoints(Map<ReputationSource, Integer> changed) {
        Map<ReputationSource, Integer> all = new EnumMap<>(points);
        all.putAll(changed);
        return new ReputationPolicy(all, halfLife, dailyCapPerActor, roles, coupons, helpfulPostsForBadge);
    }

    /**
     * The same policy with another half-life.
     *
     * @param value the half-life
     * @return the changed policy
     */
    public ReputationPolicy withHalfLife(Duration value) {
        return new ReputationPolicy(points, value, dailyCapPerActor, roles, coupons, helpfulPostsForBadge);
    }

    /**
     * The same policy with another daily cap.
     *
     * @param cap awards per actor per UTC day
     * @return the changed policy
     */
    public ReputationPolicy withDailyCap(int cap) {
        return new ReputationPolicy(points, halfLife, cap, roles, coupons, helpfulPostsForBadge);
    }

    /**
     * The same policy with other role thresholds.
     *
     * @param thresholds the thresholds
     * @return the changed policy
     */
    public ReputationPolicy withRoles(List<RoleThreshold> thresholds) {
        return new ReputationPolicy(points, halfLife, dailyCapPerActor, thresholds, coupons, helpfulPostsForBadge);
    }

    /**
     * The same policy with other coupon rewards.
     *
     * @param rewards the rewards
     * @return the changed policy
     */
    public ReputationPolicy withCoupons(List<CouponReward> rewards) {
        return new ReputationPolicy(points, halfLife, dailyCapPerActor, roles, rewards, helpfulPostsForBadge);
    }

    /**
     * The same policy with another count for the helpful-posts badge.
     *
     * @param count the count, or 0 for no badge
     * @return the changed policy
     */
    public ReputationPolicy withHelpfulPostsForBadge(int count) {
        return new ReputationPolicy(points, halfLife, dailyCapPerActor, roles, coupons, count);
    }
}
