package com.penguinmails.crmsync.serve.changestream;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import com.penguinmails.crmsync.store.ChangeStreamPositionStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the CRM change streams of this replica: every {@code crmsync.serve.change-stream.claim-interval} (default
 * 30 s) it lists the active connections whose CRM has a change stream, claims each one no replica streams yet (its
 * advisory lock, {@link StreamLocks}) and subscribes from the stored position; streams of connections no longer
 * active (disabled, disconnected, refused) are closed and their locks released, so another replica or a later pass
 * takes over. Not started with the application context: {@code crm-sync serve} ({@link ChangeStreamServeConfiguration}) calls {@link #start()} and
 * {@link #stop()} (a plain bean, so it runs without a web server); closing the context stops it too.
 */
@Component
public class ChangeStreamRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChangeStreamRunner.class);

    private final ConnectionStore connections;
    private final Connectors connectors;
    private final ChangeNoticeStore notices;
    private final ChangeStreamPositionStore positions;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Duration claimInterval;
    private final Map<Long, CrmChangeStream.Subscription> streams = new ConcurrentHashMap<>();
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable StreamLocks locks;
    /** Told a connection's id once new notices of it are stored (the service schedules their dispatch). */
    private volatile java.util.function.LongConsumer afterStore = id -> { };

    public ChangeStreamRunner(ConnectionStore connections, Connectors connectors, ChangeNoticeStore notices,
                              ChangeStreamPositionStore positions, PlatformTransactionManager transactions,
                              DataSource dataSource,
                              @Value("${crmsync.serve.change-stream.claim-interval:PT30S}") Duration claimInterval) {
        this.connections = connections;
        this.connectors = connectors;
        this.notices = notices;
        this.positions = positions;
        this.transactions = new TransactionTemplate(transactions);
        this.dataSource = dataSource;
        this.claimInterval = claimInterval;
    }

    /** What to do once new notices of a connection are stored: the service dispatches them at once. */
    public void afterStore(java.util.function.LongConsumer action) {
        this.afterStore = action;
    }

    /** Starts claiming and streaming (a first pass at once); a second start does nothing. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        StreamLocks claimed = new StreamLocks(dataSource);
        locks = claimed;
        ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "change-stream-claims");
            thread.setDaemon(true);
            return thread;
        });
        scheduler = claims;
        claims.scheduleWithFixedDelay(() -> claim(claimed), 0, claimInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every stream and releases its lock; what was stored stays (the next subscriber resumes after it). */
    public synchronized void stop() {
        ScheduledExecutorService claims = scheduler;
        scheduler = null;
        if (claims != null) {
            claims.shutdownNow();
            try {
                claims.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll();
        if (locks != null) {
            locks.close();
            locks = null;
        }
    }

    /** The context closes: streams stop, locks are released. */
    @Override
    public void destroy() {
        stop();
    }

    /** Whether {@link #start()} was called and {@link #stop()} not since. */
    public synchronized boolean isStarted() {
        return scheduler != null;
    }

    /** The connections this replica streams now. */
    public Set<Long> streaming() {
        return Set.copyOf(streams.keySet());
    }

    private void claim(StreamLocks claimed) {
        try {
            if (!streams.isEmpty() && !claimed.alive()) {
                log.warn("the database session holding the change-stream locks was lost: closing {} streams",
                        streams.size());
                closeAll();
                claimed.close();
            }
            Set<Long> wanted = new HashSet<>();
            for (Connection connection : connections.active(List.of(), List.of())) {
                if (hasStream(connection)) {
                    wanted.add(connection.id());
                    if (!streams.containsKey(connection.id()) && claimed.tryLock(connection.id())) {
                        subscribe(connection, claimed);
                    }
                }
            }
            for (Long id : Set.copyOf(streams.keySet())) {
                if (!wanted.contains(id)) {
                    close(id);
                    claimed.unlock(id);
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("claiming change streams failed, retrying in {}: {}", claimInterval, e.getMessage());
        }
    }

    private void subscribe(Connection connection, StreamLocks claimed) throws SQLException {
        String name = new ConnectionContext(connection).name();
        try {
            Optional<CrmChangeStream.Subscription> subscription = connectors.subscribe(connection,
                    positions.find(connection.id()).orElse(null),
                    new StoredBatches(connection.id(), notices, positions, transactions, id -> afterStore.accept(id)));
            if (subscription.isPresent()) {
                streams.put(connection.id(), subscription.get());
                log.info("{}: change stream started", name);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("{}: change stream cannot start, retrying in {}: {}", name, claimInterval, e.getMessage());
        }
        claimed.unlock(connection.id());
    }

    private boolean hasStream(Connection connection) {
        try {
            return connectors.provider(connection.crm()).changeStream().isPresent();
        } catch (RuntimeException noConnector) {
            return false;
        }
    }

    private void close(long connectionId) {
        CrmChangeStream.Subscription subscription = streams.remove(connectionId);
        if (subscription != null) {
            subscription.close();
        }
    }

    private void closeAll() {
        for (Long id : Set.copyOf(streams.keySet())) {
            close(id);
        }
    }
}
