package io.learnloop.recommend.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits mixed Chinese and English text into index terms: runs of Han characters become overlapping bigrams (a
 * lone character stays a unigram), other letters and digits form lower-cased words of two or more characters,
 * minus a few English stop words. Everything else separates terms.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class Tokenizer {
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "you", "your", "from", "into",
            "this", "that", "are", "how", "what", "to", "of", "in", "on", "an", "is", "it", "by", "or", "as", "at", "be");

    private Tokenizer() {
    }

    /**
     * Tokenizes text.
     *
     * @param text the text, may be null
     * @return the terms in order, with repeats
     */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        StringBuilder word = new StringBuilder();
        List<Integer> han = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flushWord(word, out);
                han.add(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushHan(han, out);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, out);
                flushHan(han, out);
            }
        }
        flushWord(word, out);
        flushHan(han, out);
        return out;
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString().toLowerCase(Locale.ROOT);
        word.setLength(0);
        if (w.codePointCount(0, w.length()) >= 2 && !STOP_WORDS.contains(w)) {
            out.add(w);
        }
    }

    private static void flushHan(List<Integer> han, List<String> out) {
        if (han.isEmpty()) {
            return;
        }
        if (han.size() == 1) {
            out.add(new String(Character.toChars(han.get(0))));
        } else {
            for (int k = 0; k + 1 < han.size(); k++) {
                out.add(new StringBuilder().appendCodePoint(han.get(k)).appendCodePoint(han.get(k + 1)).toString());
            }
        }
        han.clear();
    }
}
