package com.penguinmails.crmsync.serve.webhooksubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.credentials.WebhookSecretStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service reconciles at once when it starts, again every interval, survives a failed pass, and stops. */
class WebhookSubscriptionScheduleTest {

    /** Counts passes; the first one fails, as a pass does when the database is away. */
    static final class CountingReconciler extends WebhookSubscriptionReconciler {

        final AtomicInteger passes = new AtomicInteger();
        final CountDownLatch three = new CountDownLatch(3);

        CountingReconciler() {
            super(new ConnectionStore(null), new Connectors(List.of(), null), new WebhookSecretStore(null, null), "");
        }

        @Override
        public void reconcileAll() {
            three.countDown();
            if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
        }
    }

    @Test
    void passesRunAtStartAndEveryIntervalUntilStopped() throws InterruptedException {
        // given
        CountingReconciler reconciler = new CountingReconciler();
        WebhookSubscriptionSchedule schedule = new WebhookSubscriptionSchedule(reconciler, Duration.ofMillis(20));

        // when
        schedule.start();
        boolean ranThrice = reconciler.three.await(5, TimeUnit.SECONDS);
        schedule.stop();
        int afterStop = reconciler.passes.get();
        Thread.sleep(100);

        // then
        assertThat(ranThrice).as("a failed first pass does not end the schedule").isTrue();
        assertThat(schedule.isRunning()).isFalse();
        assertThat(reconciler.passes.get()).isLessThanOrEqualTo(afterStop + 1);
    }

    @Test
    void anIntervalThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new WebhookSubscriptionSchedule(new CountingReconciler(), Duration.ZERO))
                .hasMessageContaining("crmsync.serve.webhook-subscriptions.interval");
    }
}
