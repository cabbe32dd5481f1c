package io.learnloop.lms;

import io.learnloop.core.error.ValidationException;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XapiConfigTest {
    private static final SharedHttpClient HTTP = SharedHttpClient.create();

    @Test
    void lrsEndpoint_whenPrinted_hidesTheSecret() {
        LrsEndpoint lrs = new LrsEndpoint("main", "https://lrs.example.com/xapi", "key", "s3cret-value");

        assertThat(lrs.toString()).doesNotContain("s3cret-value").contains("key");
        assertThat(lrs.statementsUrl()).isEqualTo("https://lrs.example.com/xapi/statements");
    }

    @Test
    void lrsEndpoint_whenTheUrlIsRelative_namesTheField() {
        assertThatThrownBy(() -> new LrsEndpoint("main", "/xapi", "key", "secret"))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.fields()).containsExactly("lrs.endpoint"));
    }

    @Test
    void build_whenTwoStoresShareAnIdAndTheHomePageIsRelative_listsBothProblems() {
        LrsEndpoint lrs = new LrsEndpoint("main", "https://lrs.example.com/xapi", "key", "secret");

        assertThatThrownBy(() -> XapiConfig.builder(HTTP, "courses.example.com", "https://courses.example.com/xapi")
                .lrs(lrs).lrs(lrs).build())
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.fields()).containsExactlyInAnyOrder("accountHomePage", "lrs"));
    }

    @Test
    void build_whenNoStoreIsConfigured_namesTheField() {
        assertThatThrownBy(() -> XapiConfig.builder(HTTP, "https://courses.example.com",
                "https://courses.example.com/xapi").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).contains("lrs"));
    }
}
