package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.junit.jupiter.api.Test;

/** The watchdog's bookkeeping, on a clock the test moves. */
class FailoverWatchTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Progress progress = Progress.silent();
    private final FailoverWatch watch = new FailoverWatch(progress, TimeUnit.SECONDS.toNanos(2), now::get);

    private void advanceSeconds(long s) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(s));
    }

    @Test
    void aFailoverThatCompletesInTimeIsLeftAlone() {
        watch.onEvent(FailoverEventType.FAILURE_DETECTED);
        assertThat(progress.failingOver()).isTrue();
        advanceSeconds(1);
        assertThat(watch.giveUpIfOverdue()).isFalse();
        watch.onEvent(FailoverEventType.FAILOVER_COMPLETED);
        assertThat(progress.failingOver()).isFalse();
        advanceSeconds(5);
        assertThat(watch.giveUpIfOverdue()).isFalse();
        assertThat(watch.abandoned()).isFalse();
    }

    @Test
    void anOverdueFailoverIsGivenUpOnceAndTheClientIsNoLongerFailingOver() {
        watch.onEvent(FailoverEventType.FAILURE_DETECTED);
        advanceSeconds(3);
        assertThat(watch.giveUpIfOverdue()).isTrue();
        assertThat(watch.abandoned()).isTrue();
        // the receiver's idle clock stands still while failing over: it must run again for the new connection
        assertThat(progress.failingOver()).isFalse();
        advanceSeconds(3);
        assertThat(watch.giveUpIfOverdue()).isFalse();
    }

    @Test
    void anAbandonedConnectionsLateEventsDoNotSpeakForTheClient() {
        watch.onEvent(FailoverEventType.FAILURE_DETECTED);
        advanceSeconds(3);
        watch.giveUpIfOverdue();
        watch.onEvent(FailoverEventType.FAILURE_DETECTED); // e.g. while it is being closed in the background
        assertThat(progress.failingOver()).isFalse();
    }

    @Test
    void withoutALimitNothingIsGivenUp() {
        FailoverWatch never = new FailoverWatch(progress, 0, now::get);
        never.onEvent(FailoverEventType.FAILURE_DETECTED);
        advanceSeconds(3600);
        assertThat(never.giveUpIfOverdue()).isFalse();
    }
}
