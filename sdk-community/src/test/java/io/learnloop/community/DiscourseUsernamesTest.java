package io.learnloop.community;

import io.learnloop.core.identity.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host ids become Discourse usernames. The oracle is Discourse's {@code UsernameValidator} (ASCII usernames, the
 * default {@code min_username_length} 3 and {@code max_username_length} 20), written out here independently of the
 * implementation.
 */
class DiscourseUsernamesTest {
    private static final Pattern INVALID_CHAR = Pattern.compile("[^\\w.-]");
    private static final Pattern INVALID_FIRST = Pattern.compile("^\\W");
    private static final Pattern VALID_LAST = Pattern.compile("[A-Za-z0-9]$");
    private static final Pattern DOUBLE_SPECIAL = Pattern.compile("[-_.]{2,}");
    private static final Pattern CONFUSING_SUFFIX = Pattern.compile(
            "\\.(js|json|css|htm|html|xml|jpg|jpeg|png|gif|bmp|ico|tif|tiff|woff)$", Pattern.CASE_INSENSITIVE);

    static boolean acceptedByDiscourse(String username) {
        return username.length() >= 3 && username.length() <= 20
                && !INVALID_CHAR.matcher(username).find()
                && !INVALID_FIRST.matcher(username).find()
                && VALID_LAST.matcher(username).find()
                && !DOUBLE_SPECIAL.matcher(username).find()
                && !CONFUSING_SUFFIX.matcher(username).find();
    }

    /** Any text a {@link UserId} accepts, biased towards the characters that matter to Discourse. */
    @Provide
    Arbitrary<String> hostIds() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> usernameLike = Arbitraries.strings().withChars("abcxyzABCXYZ0129_.-@+é")
                .ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> uuids = Arbitraries.randomValue(r -> new java.util.UUID(r.nextLong(), r.nextLong()).toString());
        Arbitrary<String> derivedLookalikes = Arbitraries.strings().withChars("abc123").ofMinLength(1).ofMaxLength(7)
                .flatMap(p -> Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz234567").ofLength(12)
                        .map(h -> p + "-" + h));
        return Arbitraries.oneOf(anyText, usernameLike, uuids, derivedLookalikes).filter(DiscourseUsernamesTest::isUserId);
    }

    private static boolean isUserId(String text) {
        try {
            UserId.of(text);
            return true;
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    @Property(tries = 3000)
    void of_whenAnyHostId_isAValidDiscourseUsername(@ForAll("hostIds") String id) {
        String username = DiscourseUsernames.of(UserId.of(id));

        assertThat(acceptedByDiscourse(username)).as("'%s' from '%s'", username, id).isTrue();
        assertThat(username).hasSizeLessThanOrEqualTo(DiscourseUsernames.MAX_LENGTH);
        assertThat(DiscourseUsernames.of(UserId.of(id))).isEqualTo(username);
    }

    @Property(tries = 3000)
    void of_whenTwoDistinctHostIds_givesUsernamesDistinctWithoutCase(@ForAll("hostIds") String a,
                                                                    @ForAll("hostIds") String b) {
        Assume.that(!a.equals(b));

        // Discourse compares usernames without case (username_lower), so distinct must hold after lower-casing.
        assertThat(DiscourseUsernames.of(UserId.of(a)).toLowerCase(Locale.ROOT))
                .isNotEqualTo(DiscourseUsernames.of(UserId.of(b)).toLowerCase(Locale.ROOT));
    }

    @Example
    void of_whenManyHostIdsOfOneShape_givesNoCollision() {
        Random random = new Random(20260301L);
        Set<String> usernames = new HashSet<>();
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            String id = i % 2 == 0 ? new java.util.UUID(random.nextLong(), random.nextLong()).toString()
                    : "Learner-" + i;
            usernames.add(DiscourseUsernames.of(UserId.of(id)));
        }
        assertThat(usernames).hasSize(count);
    }

    @Example
    void of_whenIdAlreadyAValidLowerCaseUsername_keepsIt() {
        assertThat(DiscourseUsernames.of(UserId.of("ann"))).isEqualTo("ann");
        assertThat(DiscourseUsernames.of(UserId.of("ann_lee.2026"))).isEqualTo("ann_lee.2026");
        assertThat(DiscourseUsernames.of(UserId.of("_ann"))).isEqualTo("_ann");
    }

    @Example
    void of_whenIdDoesNotFit_derivesPrefixAndHash() {
        assertThat(DiscourseUsernames.of(UserId.of("3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b")))
                .matches("3f2a9c1-[a-z2-7]{12}");
        assertThat(DiscourseUsernames.of(UserId.of("Ann"))).matches("ann-[a-z2-7]{12}");
        assertThat(DiscourseUsernames.of(UserId.of("ann.json"))).matches("ann_jso-[a-z2-7]{12}");
        assertThat(DiscourseUsernames.of(UserId.of("al"))).matches("al-[a-z2-7]{12}");
        assertThat(DiscourseUsernames.of(UserId.of("ann@example.com"))).matches("ann_exa-[a-z2-7]{12}");
        assertThat(DiscourseUsernames.of(UserId.of("李雷"))).matches("u-[a-z2-7]{12}");
    }

    @Example
    void of_whenIdsDifferOnlyInLoneSurrogates_givesDistinctUsernames() {
        // A plain UTF-8 encoder turns every lone surrogate into '?', which would make these two ids one.
        assertThat(DiscourseUsernames.of(UserId.of("x\uD800")))
                .isNotEqualTo(DiscourseUsernames.of(UserId.of("x\uD801")))
                .matches("x-[a-z2-7]{12}");
    }
}
