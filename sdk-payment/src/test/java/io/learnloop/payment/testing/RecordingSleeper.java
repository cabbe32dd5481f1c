package io.learnloop.payment.testing;

import io.learnloop.http.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records waits instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }
}
