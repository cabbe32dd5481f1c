package io.learnloop.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which failed attempts may be repeated; the rules and the reasons for them are in
 * {@link io.learnloop.http.RetryPolicy}'s class comment, the one place hosts read them.
 *
 * <p>Thread-safe: stateless.
 */
final class RetryRules {
    private RetryRules() {
    }

    /**
     * Whether an I/O failure happened before the request could leave: the peer cannot have seen it.
     *
     * @param e the failure
     * @return true if the request was certainly not sent
     */
    static boolean notSent(IOException e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return true;
        }
        // A connect timeout is a SocketTimeoutException like a read timeout; only its message tells them apart.
        return e instanceof SocketTimeoutException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out");
    }

    /**
     * Whether an attempt that got no response may be repeated.
     *
     * @param request the request
     * @param e       the failure
     * @return true if repeating it is safe
     */
    static boolean mayRepeat(HttpRequest request, IOException e) {
        return notSent(e) || request.repeatable();
    }

    /**
     * Whether an attempt that got a response may be repeated.
     *
     * @param request  the request
     * @param response the response
     * @param advisor  the peer's own word, which wins
     * @return true if repeating it is safe and may help
     */
    static boolean mayRepeat(HttpRequest request, HttpResponse response, RetryAdvisor advisor) {
        RetryAdvisor.Verdict verdict = advisor.verdict(response);
        if (verdict == RetryAdvisor.Verdict.RETRY) {
            return true;
        }
        if (verdict == RetryAdvisor.Verdict.STOP) {
            return false;
        }
        return isTransient(response.status()) && request.repeatable();
    }

    /**
     * Whether a status says "not now" rather than "no": rate limited, or a server or gateway in trouble.
     *
     * @param status the HTTP status
     * @return true for 429, 500, 502, 503 and 504
     */
    static boolean isTransient(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
