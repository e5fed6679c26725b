package com.penguinmails.crmsync.serve.outbound;

import com.penguinmails.crmsync.job.contactpush.RealtimeContactPush;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.RealtimeEngagement;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.serve.outbound.OutboundNotice.Push;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound listener of one {@code crm-sync serve} replica: a dedicated database session that
 * {@code LISTEN}s on {@code crm_sync_outbound} and hands each notified connection to the {@link OutboundPushes}
 * (engagement events to engagement-sync's real-time push, contact changes to contact-sync's); every
 * {@code sweepInterval}, and at once after it (re)connects, it also asks for a push of every connection with pending
 * work, so a notification sent while no listener was there (a restart, a lost session) costs at most that interval.
 * A lost session is reopened after {@code reconnectDelay}. {@link #start()} and {@link #stop()} may be called by the
 * application context ({@code serve}) or by hand; a stop lets the pushes in flight finish their micro-batch.
 */
public class OutboundListener {

    /** The channel V15's triggers notify. */
    static final String CHANNEL = "crm_sync_outbound";
    private static final String APPLICATION_NAME = "crm-sync serve (outbound listener)";
    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final DataSource dataSource;
    private final RunLocks runLocks;
    private final RealtimeEngagement engagement;
    private final RealtimeContactPush contacts;
    private final OutboundProperties properties;
    private volatile boolean running;
    private @Nullable Thread thread;
    private @Nullable OutboundPushes pushes;

    public OutboundListener(DataSource dataSource, RunLocks runLocks, RealtimeEngagement engagement,
                            RealtimeContactPush realtimeContactPush, OutboundProperties properties) {
        this.dataSource = dataSource;
        this.runLocks = runLocks;
        this.engagement = engagement;
        this.contacts = realtimeContactPush;
        this.properties = properties;
    }

    /** Starts listening and pushing (again: a no-op). */
    public synchronized void start() {
        if (running) {
            return;
        }
        OutboundPushes started = new OutboundPushes(pushers(), (job, connectionId) ->
                runLocks.tryLease(job, LockTarget.connection(connectionId)).map(lease -> lease),
                properties);
        pushes = started;
        running = true;
        Thread listening = new Thread(() -> listen(started), "crm-sync-outbound-listener");
        listening.setDaemon(true);
        thread = listening;
        listening.start();
    }

    /** Stops listening; the pushes in flight finish their micro-batch (up to {@code stopTimeout}). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            if (thread != null) {
                thread.join(properties.pollTimeout().toMillis() * 4 + 1000);
            }
            if (pushes != null) {
                pushes.stop(properties.stopTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread = null;
            pushes = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private Map<Push, OutboundPushes.Pusher> pushers() {
        return Map.of(Push.ENGAGEMENT, new OutboundPushes.Pusher() {
            @Override
            public String jobName() {
                return EngagementSyncJobConfiguration.JOB_NAME;
            }

            @Override
            public void push(long connectionId, long reachBackTo, BooleanSupplier stopping) throws Exception {
                engagement.push(connectionId, reachBackTo, properties.microBatchSize(), stopping);
            }
        }, Push.CONTACTS, new OutboundPushes.Pusher() {
            @Override
            public String jobName() {
                return contacts.job().jobName();
            }

            @Override
            public void push(long connectionId, long reachBackTo, BooleanSupplier stopping) throws Exception {
                contacts.push(connectionId, properties.microBatchSize(), stopping);
            }
        });
    }

    private void listen(OutboundPushes to) {
        Connection session = null;
        Instant nextSweep = Instant.now();
        while (running) {
            try {
                if (session == null) {
                    session = open();
                    nextSweep = Instant.now(); // what was notified while no one listened
                }
                PGNotification[] notifications = session.unwrap(PGConnection.class)
                        .getNotifications((int) properties.pollTimeout().toMillis());
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        OutboundNotice.parse(notification.getParameter()).ifPresent(to::request);
                    }
                }
                if (!Instant.now().isBefore(nextSweep)) {
                    sweep(to);
                    nextSweep = Instant.now().plus(properties.sweepInterval());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("the outbound listener lost its database session ({}); reconnecting in {}s",
                        e.getMessage(), properties.reconnectDelay().toSeconds());
                log.debug("the listener's failure", e);
                close(session);
                session = null;
                pause();
            }
        }
        close(session);
    }

    /** Asks for a push of every connection with pending work. */
    private void sweep(OutboundPushes to) {
        engagement.pending().forEach(id -> to.request(new OutboundNotice(Push.ENGAGEMENT, id, 0)));
        contacts.pending().forEach(id -> to.request(new OutboundNotice(Push.CONTACTS, id, 0)));
    }

    private Connection open() throws SQLException {
        Connection session = dataSource.getConnection();
        try (Statement st = session.createStatement()) {
            session.setAutoCommit(true);
            st.execute("SELECT set_config('application_name', '" + APPLICATION_NAME + "', false)");
            st.execute("LISTEN " + CHANNEL);
            return session;
        } catch (SQLException | RuntimeException e) {
            close(session);
            throw e;
        }
    }

    /** Stops listening on a session (a pooled connection must not keep a listen) and lets it go. */
    private static void close(@Nullable Connection session) {
        if (session == null) {
            return;
        }
        try (Statement st = session.createStatement()) {
            st.execute("UNLISTEN *");
            st.execute("SELECT set_config('application_name', '', false)");
        } catch (SQLException ignored) {
            // a broken session ends with its connection
        }
        try {
            session.close();
        } catch (SQLException ignored) {
            // nothing more to let go
        }
    }

    private void pause() {
        long until = System.nanoTime() + properties.reconnectDelay().toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(200, properties.reconnectDelay().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
