package io.learnloop.http.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpRequestTest {

    @Test
    void repeatable_whenIdempotentMethodOrKeyed_isTrueOtherwiseFalse() {
        assertThat(HttpRequest.get("https://api.example/v1/x").build().repeatable()).isTrue();
        assertThat(HttpRequest.of("PUT", "https://api.example/v1/x").build().repeatable()).isTrue();
        assertThat(HttpRequest.of("DELETE", "https://api.example/v1/x").build().repeatable()).isTrue();
        assertThat(HttpRequest.post("https://api.example/v1/x").build().repeatable()).isFalse();
        assertThat(HttpRequest.post("https://api.example/v1/x").idempotent().build().repeatable()).isTrue();
    }

    @Test
    void readOnly_whenGet_isTrueAndForPutFalse() {
        assertThat(HttpRequest.get("https://api.example/x").build().readOnly()).isTrue();
        assertThat(HttpRequest.of("PUT", "https://api.example/x").build().readOnly()).isFalse();
    }

    @Test
    void toString_whenHeadersAndQueryCarrySecrets_namesOnlyMethodPathAndHeaderNames() {
        HttpRequest r = HttpRequest.get("https://api.example/v1/charges?sign=SECRET-SIGNATURE")
                .header("Authorization", "Bearer sk_live_SECRET").build();

        assertThat(r.toString()).isEqualTo("GET /v1/charges [Authorization]");
    }

    @Test
    void pathAndQuery_whenSegmentsAndParametersAdded_areEncodedOnce() {
        HttpRequest r = HttpRequest.get("https://api.example/").pathSegments("v3/refunds").pathSegment("a/b c")
                .query("q", "x y&z").build();

        assertThat(r.pathAndQuery()).isEqualTo("/v3/refunds/a%2Fb%20c?q=x%20y%26z");
        assertThat(r.queryParameters()).containsExactly(Map.entry("q", "x y&z"));
    }

    @Test
    void form_whenSet_isEncodedAsUtf8FormAndReadableBySigners() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("biz_content", "{\"subject\":\"课程 2\"}");
        params.put("a", "b&c");

        HttpRequest r = HttpRequest.post("https://gw.example/gateway.do").form(params).build()
                .withQueryParameter("sign", "abc+/=");

        assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo("biz_content=%7B%22subject%22%3A%22%E8%AF%BE%E7%A8%8B%202%22%7D&a=b%26c");
        assertThat(r.form()).containsExactlyEntriesOf(params);
        assertThat(r.queryParameters()).containsEntry("sign", "abc+/=");
    }

    @Test
    void withHeader_whenSameNameInOtherCase_replacesAndLeavesTheOriginalAlone() {
        HttpRequest original = HttpRequest.get("https://api.example/").header("api-key", "old").build();

        HttpRequest signed = original.withHeader("Api-Key", "new");

        assertThat(signed.header("API-KEY")).isEqualTo("new");
        assertThat(signed.headers()).hasSize(1);
        assertThat(original.header("Api-Key")).isEqualTo("old");
    }

    @Test
    void origin_whenPortImplicitOrExplicit_comparesEqualAndRejectsNonHttp() {
        assertThat(HttpRequest.origin("https://api.example/v3/x?token=t")).isEqualTo("https://api.example:443");
        assertThat(HttpRequest.origin("https://api.example:443/")).isEqualTo("https://api.example:443");
        assertThat(HttpRequest.origin("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(HttpRequest.origin("not a url")).isNull();
        assertThat(HttpRequest.origin(null)).isNull();
    }

    @Test
    void get_whenUrlIsNotHttp_isRejected() {
        assertThatThrownBy(() -> HttpRequest.get("ftp://files.example/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
