package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Field limits of the catalogue and the shared checks behind them. */
final class Limits {
    static final int TITLE = 200;
    static final int SUBTITLE = 300;
    static final int DESCRIPTION = 20_000;
    static final int CATEGORY = 100;
    static final int TAG = 50;
    static final int TAGS = 20;
    static final int URI = 2048;
    static final int REASON = 2000;
    static final int REASONS = 20;
    static final int CHAPTERS = 200;
    static final int LESSONS = 500;
    static final int AUTHORS = 20;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}");

    private Limits() {
    }

    static Validator language(Validator v, String field, String value) {
        if (value == null || value.isBlank()) {
            return v.check(false, field, "must not be blank; use a BCP 47 tag such as \"en\" or \"zh-CN\"");
        }
        return v.check(value.length() <= 35 && LANGUAGE.matcher(value).matches(), field,
                "must be a BCP 47 language tag such as \"en\" or \"zh-CN\" (was \"" + clip(value) + "\")");
    }

    /** Checks and copies a list of short texts, dropping duplicates; null means none. */
    static List<String> texts(Validator v, String field, List<String> values, int maxCount, int maxLength) {
        if (values == null) {
            return List.of();
        }
        v.check(values.size() <= maxCount, field, "must hold at most " + maxCount + " entries (was " + values.size() + ")");
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            v.notBlank(field + "[" + i + "]", value, maxLength);
            if (value != null && !value.isBlank()) {
                copy.add(value.strip());
            }
        }
        return List.copyOf(new ArrayList<>(copy));
    }

    static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
