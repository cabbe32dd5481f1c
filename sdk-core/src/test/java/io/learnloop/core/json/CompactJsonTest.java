package io.learnloop.core.json;

import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompactJsonTest {
    record Doc(String id, String memo, Money amount, Instant endsAt, List<String> tags, Map<String, String> notes,
               long count) {
    }

    @Test
    void toCompactJson_whenFieldsAreNull_leavesThemOutAndReadsBackTheSameValue() {
        Map<String, String> notes = new HashMap<>();
        notes.put("kept", null);
        Doc doc = new Doc("d-1", null, Money.ofMinor(0, "CNY"), null, List.of(), notes, 0);

        String compact = LearnloopJson.toCompactJson(doc);

        assertThat(compact).doesNotContain("memo").doesNotContain("endsAt")
                .contains("\"kept\":null").contains("\"tags\":[]").contains("\"count\":0");
        assertThat(compact.length()).isLessThan(LearnloopJson.toJson(doc).length());
        assertThat(LearnloopJson.fromJson(compact, Doc.class)).isEqualTo(doc)
                .isEqualTo(LearnloopJson.fromJson(LearnloopJson.toJson(doc), Doc.class));
    }
}
