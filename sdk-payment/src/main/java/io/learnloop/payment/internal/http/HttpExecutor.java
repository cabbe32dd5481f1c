package io.learnloop.payment.internal.http;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.payment.http.HttpSettings;
import io.learnloop.payment.http.PaymentHttpClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one logical call with retries. Network failures before the request left are always retried; failures after
 * it may have arrived, 5xx responses and (by default) 429 are retried only when the call is safe to repeat. The wait
 * is exponential with jitter (75–100 %, never below the initial backoff) and at least the peer's
 * {@code Retry-After}.
 */
public final class HttpExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(HttpExecutor.class);

    private final OkHttpClient client;
    private final HttpSettings settings;
    private final PaymentHttpClient http;
    private final Clock clock;
    private final String provider;

    /**
     * Creates an executor.
     *
     * @param http     the shared client
     * @param clock    the clock (for HTTP-date Retry-After values)
     * @param provider the provider name for logs and messages
     */
    public HttpExecutor(PaymentHttpClient http, Clock clock, String provider) {
        this.http = http;
        this.client = http.okHttpClient();
        this.settings = http.settings();
        this.clock = clock;
        this.provider = provider;
    }

    /**
     * Sends the request.
     *
     * @param request the request
     * @param safe    whether the call may be repeated after it may have reached the peer
     * @param advisor the provider's retry advice
     * @return the last response received
     * @throws RemoteException when no response arrived
     */
    public HttpResult execute(Request request, boolean safe, RetryAdvisor advisor) {
        String what = request.method() + " " + request.url().encodedPath();
        for (int attempt = 0; ; attempt++) {
            HttpResult result;
            try (Response response = client.newCall(request).execute()) {
                ResponseBody body = response.body();
                result = new HttpResult(response.code(), response.headers(), body == null ? new byte[0] : body.bytes());
            } catch (IOException e) {
                boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException
                        || e instanceof NoRouteToHostException;
                boolean retryable = notSent || safe;
                LOG.warn("{} {} failed on attempt {}: {}", provider, what, attempt + 1, e.getClass().getSimpleName());
                if (retryable && attempt < settings.maxRetries() && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
                    http.sleeper().sleep(backoff(attempt));
                    continue;
                }
                throw new RemoteException(ErrorCode.REMOTE_FAILURE, provider + " " + what + " failed without a response ("
                        + e.getClass().getSimpleName() + (notSent ? ", the request was not sent" : ", the request may have been processed") + ")",
                        retryable, !notSent, 0, null, null, e);
            }
            LOG.debug("{} {} -> {} (attempt {})", provider, what, result.status(), attempt + 1);
            if (attempt >= settings.maxRetries() || !shouldRetry(result, safe, advisor)) {
                return result;
            }
            Duration wait = backoff(attempt);
            Duration retryAfter = retryAfter(result);
            if (retryAfter != null) {
                if (retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
                    LOG.warn("{} {} asked to retry after {}, longer than the configured limit; giving up", provider, what, retryAfter);
                    return result;
                }
                wait = retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
            }
            LOG.warn("{} {} returned {}; retrying in {} ms", provider, what, result.status(), wait.toMillis());
            http.sleeper().sleep(wait);
        }
    }

    private static boolean shouldRetry(HttpResult result, boolean safe, RetryAdvisor advisor) {
        Boolean advice = advisor.advise(result, safe);
        if (advice != null) {
            return advice;
        }
        if (result.status() == 429) {
            return true;
        }
        return safe && result.status() >= 500;
    }

    /**
     * The backoff before retry number {@code attempt + 1}.
     *
     * @param attempt the zero-based attempt that just failed
     * @return the wait
     */
    Duration backoff(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long base = Math.min(max, initial << Math.min(attempt, 20));
        double jitter = 0.75 + 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(initial, (long) (base * jitter)));
    }

    private Duration retryAfter(HttpResult result) {
        String value = result.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            Date date = result.headers().getDate("Retry-After");
            if (date == null) {
                return null;
            }
            Duration d = Duration.between(Instant.now(clock), date.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}
