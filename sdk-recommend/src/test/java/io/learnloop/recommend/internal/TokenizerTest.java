package io.learnloop.recommend.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {
    @Test
    void tokens_whenChinese_makesOverlappingBigrams() {
        assertThat(Tokenizer.tokens("数据分析")).containsExactly("数据", "据分", "分析");
    }

    @Test
    void tokens_whenMixed_splitsScriptsAndLowercasesWords() {
        assertThat(Tokenizer.tokens("Python数据分析: the Basics of AI, 猫"))
                .containsExactly("python", "数据", "据分", "分析", "basics", "ai", "猫");
    }

    @Test
    void tokens_whenEmptyOrNull_isEmpty() {
        assertThat(Tokenizer.tokens(null)).isEmpty();
        assertThat(Tokenizer.tokens("  ,. ")).isEmpty();
    }
}
