package io.learnloop.http;

import io.learnloop.core.error.ValidationException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedHttpClientTest {

    @Test
    void create_whenDefaults_setsTimeoutsAndTurnsOkhttpRetriesOff() {
        SharedHttpClient http = SharedHttpClient.create();
        OkHttpClient ok = http.okHttpClient();

        assertThat(ok.connectTimeoutMillis()).isEqualTo(5_000);
        assertThat(ok.readTimeoutMillis()).isEqualTo(20_000);
        assertThat(ok.writeTimeoutMillis()).isEqualTo(20_000);
        assertThat(ok.callTimeoutMillis()).isEqualTo(30_000);
        assertThat(ok.retryOnConnectionFailure()).isFalse();
        assertThat(ok.followRedirects()).isFalse();
        assertThat(http.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(http.sleeper()).isSameAs(Sleeper.system());
    }

    @Test
    void okHttpClient_whenHostPassesOne_sharesItsPoolAndLeavesItUnchanged() {
        OkHttpClient host = new OkHttpClient.Builder().readTimeout(1, TimeUnit.SECONDS).build();

        SharedHttpClient http = SharedHttpClient.builder().okHttpClient(host)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(9)).build();

        assertThat(http.okHttpClient()).isNotSameAs(host);
        assertThat(http.okHttpClient().connectionPool()).isSameAs(host.connectionPool());
        assertThat(http.okHttpClient().dispatcher()).isSameAs(host.dispatcher());
        assertThat(http.okHttpClient().readTimeoutMillis()).isEqualTo(9_000);
        assertThat(host.readTimeoutMillis()).isEqualTo(1_000);
        assertThat(host.retryOnConnectionFailure()).isTrue();
    }

    @Test
    void newBuilder_whenVariantBuilt_keepsPoolAndSettingsButChangesOnlyWhatWasSet() {
        Sleeper sleeper = d -> { };
        SharedHttpClient http = SharedHttpClient.builder().sleeper(sleeper).build();

        SharedHttpClient variant = http.newBuilder().callTimeout(Duration.ofSeconds(90)).build();

        assertThat(variant.okHttpClient().connectionPool()).isSameAs(http.okHttpClient().connectionPool());
        assertThat(variant.callTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(variant.sleeper()).isSameAs(sleeper);
        assertThat(http.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void proxy_whenSet_isUsedByTheOkhttpClient() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128));

        SharedHttpClient http = SharedHttpClient.builder().proxy(proxy).build();

        assertThat(http.okHttpClient().proxy()).isEqualTo(proxy);
        assertThat(http.toString()).contains("proxy.example");
    }

    @Test
    void build_whenTimeoutsAreNotPositive_namesEachOne() {
        assertThatThrownBy(() -> SharedHttpClient.builder().timeouts(Duration.ZERO, null)
                .callTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.fields()).containsExactly("connectTimeout", "readTimeout", "callTimeout"));
    }

    @Test
    void system_whenInterruptedWhileSleeping_returnsEarlyWithTheFlagSet() {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();

        Sleeper.system().sleep(Duration.ofSeconds(30));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
