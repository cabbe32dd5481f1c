package io.learnloop.core.internal.practice;

import io.learnloop.core.error.Validator;
import io.learnloop.core.practice.AssignmentDraft;
import io.learnloop.core.practice.Criterion;
import io.learnloop.core.practice.FileRef;
import io.learnloop.core.practice.GradeWeights;
import io.learnloop.core.practice.LatePolicy;
import io.learnloop.core.practice.PracticeService;
import io.learnloop.core.practice.Rubric;
import io.learnloop.core.practice.SubmissionContent;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of practice input; each names the field and what to fix, and all of one input are reported together.
 *
 * <p>Thread-safe: stateless.
 */
final class PracticeValidation {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> FILE_SCHEMES = Set.of("https", "s3", "media");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https");
    private static final int MAX_COMMENT = 5_000;
    private static final int MAX_REASON = 2_000;
    private static final Duration MAX_CUTOFF = Duration.ofDays(365);

    private PracticeValidation() {
    }

    static void draft(Validator v, AssignmentDraft d) {
        v.notNull("lesson", d.lesson()).notBlank("title", d.title(), 200)
                .maxLength("instructions", d.instructions(), 20_000).notNull("due", d.due())
                .notNull("rubric", d.rubric()).notNull("weights", d.weights());
        if (d.rubric() != null) {
            rubric(v, d.rubric());
        }
        late(v, d.late());
        v.check(d.reviewsRequired() >= 0 && d.reviewsRequired() <= PracticeService.MAX_REVIEWS_REQUIRED,
                "reviewsRequired", "must be 0 to " + PracticeService.MAX_REVIEWS_REQUIRED + " (was "
                        + d.reviewsRequired() + ")");
        v.check(d.calibrationReviews() >= 0 && d.calibrationReviews() <= PracticeService.MAX_CALIBRATION,
                "calibrationReviews", "must be 0 to " + PracticeService.MAX_CALIBRATION + " (was "
                        + d.calibrationReviews() + ")");
        v.check(basisPoints(d.passingBp()), "passingBp", "must be 0 to 10000 basis points (was " + d.passingBp() + ")");
        v.check(d.reviewExpiry().compareTo(PracticeService.MIN_REVIEW_EXPIRY) >= 0
                        && d.reviewExpiry().compareTo(PracticeService.MAX_REVIEW_EXPIRY) <= 0, "reviewExpiry",
                "must be " + PracticeService.MIN_REVIEW_EXPIRY + " to " + PracticeService.MAX_REVIEW_EXPIRY + " (was "
                        + d.reviewExpiry() + ")");
        if (d.weights() != null) {
            weights(v, d.weights(), d.reviewsRequired());
        }
    }

    private static void rubric(Validator v, Rubric rubric) {
        int n = rubric.criteria().size();
        v.check(n >= 1 && n <= Rubric.MAX_CRITERIA, "rubric.criteria",
                "must hold 1 to " + Rubric.MAX_CRITERIA + " criteria (was " + n + ")");
        long sum = 0;
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Criterion c = rubric.criteria().get(i);
            String at = "rubric.criteria[" + i + "]";
            if (c == null) {
                v.check(false, at, "must not be null");
                continue;
            }
            v.check(c.key() != null && KEY.matcher(c.key()).matches(), at + ".key",
                    "must be 1 to 40 lower-case letters, digits or hyphens (was '" + c.key() + "')");
            v.check(c.key() == null || keys.add(c.key()), at + ".key", "repeats key '" + c.key() + "'");
            v.notBlank(at + ".title", c.title(), 200);
            v.check(c.weightBp() >= 1 && c.weightBp() <= Rubric.FULL, at + ".weightBp",
                    "must be 1 to 10000 basis points (was " + c.weightBp() + ")");
            v.check(c.maxPoints() >= 1 && c.maxPoints() <= Rubric.MAX_POINTS, at + ".maxPoints",
                    "must be 1 to " + Rubric.MAX_POINTS + " (was " + c.maxPoints() + ")");
            sum += c.weightBp();
        }
        v.check(n == 0 || sum == Rubric.FULL, "rubric.criteria",
                "weights must sum to 10000 basis points (they sum to " + sum + "); adjust them so they do");
    }

    private static void late(Validator v, LatePolicy late) {
        v.check(late.penaltyBpPerDay() >= 0 && late.penaltyBpPerDay() <= Rubric.FULL, "late.penaltyBpPerDay",
                "must be 0 to 10000 basis points (was " + late.penaltyBpPerDay() + ")");
        v.check(!late.cutoff().isNegative() && late.cutoff().compareTo(MAX_CUTOFF) <= 0, "late.cutoff",
                "must be zero to 365 days (was " + late.cutoff() + ")");
    }

    private static void weights(Validator v, GradeWeights w, int reviewsRequired) {
        boolean inRange = basisPoints(w.peerBp()) && basisPoints(w.selfBp()) && basisPoints(w.instructorBp());
        v.check(inRange, "weights", "each weight must be 0 to 10000 basis points");
        long sum = (long) w.peerBp() + w.selfBp() + w.instructorBp();
        v.check(!inRange || sum == Rubric.FULL, "weights",
                "must sum to 10000 basis points (they sum to " + sum + ")");
        v.check((w.peerBp() > 0) == (reviewsRequired > 0), "reviewsRequired",
                "must be above 0 exactly when the peer weight is (peer weight " + w.peerBp() + ", reviews "
                        + reviewsRequired + ")");
    }

    static void content(Validator v, SubmissionContent c) {
        v.notNull("content", c).throwIfInvalid();
        v.maxLength("content.text", c.text(), SubmissionContent.MAX_TEXT);
        v.check(!c.text().isBlank() || !c.links().isEmpty() || !c.files().isEmpty(), "content",
                "must hold text, a link or a file");
        v.check(c.links().size() <= SubmissionContent.MAX_LINKS, "content.links",
                "must hold at most " + SubmissionContent.MAX_LINKS + " links");
        v.check(c.files().size() <= SubmissionContent.MAX_FILES, "content.files",
                "must hold at most " + SubmissionContent.MAX_FILES + " files");
        for (int i = 0; i < c.links().size(); i++) {
            v.check(uri(c.links().get(i), LINK_SCHEMES), "content.links[" + i + "]",
                    "must be an absolute http or https URL of at most 2000 characters");
        }
        for (int i = 0; i < c.files().size(); i++) {
            FileRef f = c.files().get(i);
            String at = "content.files[" + i + "]";
            if (f == null) {
                v.check(false, at, "must not be null");
                continue;
            }
            v.check(uri(f.uri(), FILE_SCHEMES), at + ".uri",
                    "must be an absolute https, s3 or media URI of at most 2000 characters");
            v.check(f.sha256() != null && SHA256.matcher(f.sha256()).matches(), at + ".sha256",
                    "must be 64 lower-case hex digits");
            v.check(f.size() >= 0 && f.size() <= FileRef.MAX_SIZE, at + ".size",
                    "must be 0 to " + FileRef.MAX_SIZE + " bytes (was " + f.size() + ")");
        }
    }

    static void scores(Validator v, Rubric rubric, Map<String, Integer> scores, String comment) {
        v.notNull("scores", scores).maxLength("comment", comment, MAX_COMMENT).throwIfInvalid();
        Set<String> known = new HashSet<>();
        for (Criterion c : rubric.criteria()) {
            known.add(c.key());
            Integer p = scores.get(c.key());
            v.check(p != null, "scores." + c.key(), "is missing; score every criterion");
            v.check(p == null || (p >= 0 && p <= c.maxPoints()), "scores." + c.key(),
                    "must be 0 to " + c.maxPoints() + " points (was " + p + ")");
        }
        for (String key : scores.keySet()) {
            v.check(known.contains(key), "scores." + key, "is not a criterion of the rubric");
        }
    }

    static void reason(Validator v, String field, String reason) {
        v.notBlank(field, reason, MAX_REASON);
    }

    static void grade(Validator v, String field, int scoreBp) {
        v.check(basisPoints(scoreBp), field, "must be 0 to 10000 basis points (was " + scoreBp + ")");
    }

    private static boolean basisPoints(int bp) {
        return bp >= 0 && bp <= Rubric.FULL;
    }

    private static boolean uri(String text, Set<String> schemes) {
        if (text == null || text.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getScheme() != null
                    && schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    && (uri.getHost() != null || !uri.getScheme().startsWith("http"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
