package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.QuotaPauseStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API allocation: a connection that reached its share of the CRM's daily quota ({@code dailyShare}) pauses itself
 * until the quota resets (the next UTC midnight, when CRMs reset their daily counters), and resumes by itself once
 * that time has passed. Both are audited as {@code Actor.system("api-allocation")}: {@code connection.quota-paused},
 * {@code connection.quota-resumed}. While paused, runs and the service leave the connection out.
 */
@Component
public class QuotaPauses {

    /** The audit actor of automatic pauses and resumes. */
    public static final Actor ACTOR = Actor.system("api-allocation");

    private final QuotaPauseStore pauses;
    private final ConnectionStore connections;
    private final SyncAuditStore audit;
    private final Clock clock;
    private final Connectors connectors;

    public QuotaPauses(QuotaPauseStore pauses, ConnectionStore connections, SyncAuditStore audit,
                       Connectors connectors, ObjectProvider<Clock> clock) {
        this.connectors = connectors;
        this.pauses = pauses;
        this.connections = connections;
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** When the CRMs' daily quotas reset next: the next UTC midnight. */
    public Instant nextReset() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /**
     * Pauses the connection until the quota resets ({@code reportedReset}, the reset the CRM reported when it lies
     * ahead, else the next UTC midnight), auditing it once; until when it is paused.
     */
    @Transactional
    public Instant pause(long connectionId, @Nullable Instant reportedReset) {
        Instant until = reportedReset != null && reportedReset.isAfter(clock.instant()) ? reportedReset : nextReset();
        if (pauses.pause(connectionId, until)) {
            connections.find(connectionId).ifPresent(connection -> record(connection, "connection.quota-paused",
                    Map.of("until", until.toString(), "reason", "API allocation reached")));
        }
        return pauses.pausedUntil(connectionId).orElse(until);
    }

    /**
     * Resumes every connection whose pause has ended, auditing each, with a fresh count of the day's calls in this
     * process; their ids.
     */
    @Transactional
    public List<Long> resumeEnded() {
        List<Long> resumed = pauses.resumeEnded(clock.instant());
        for (long id : resumed) {
            connectors.forgetGovernor(id);
            connections.find(id).ifPresent(connection -> record(connection, "connection.quota-resumed", Map.of()));
        }
        return resumed;
    }

    private void record(Connection connection, String action, Map<String, ?> details) {
        audit.recordChange(ACTOR, connection.tenantId(), connection.id(), action, details);
    }
}
