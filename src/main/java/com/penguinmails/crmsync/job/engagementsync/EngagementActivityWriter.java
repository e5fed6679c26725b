package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.conflict.ValueHash;
import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.job.support.NarrowableWriter;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import com.penguinmails.crmsync.store.ActivityBacklogStore;
import com.penguinmails.crmsync.store.ActivityLinkStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs a chunk of e-mails on the connection's CRM: each e-mail of a linked contact becomes its activities
 * ({@link ActivityComposer}); those whose content differs from what {@code activity_links} says was logged are sent in
 * one {@link CrmConnector#logActivities} call (an update of the known CRM record, or an upsert by key), the rest cost
 * nothing. Links, backlog and dead letters are written in the chunk's transaction. E-mails of unlinked contacts and
 * refused ones wait in the backlog for a later run; an e-mail leaves the backlog once all its activities are logged.
 * An e-mail that fails alone (see {@link com.penguinmails.crmsync.job.support.RecordSafetyNet}) is dead-lettered and
 * waits in the backlog as a refused one; e-mails written again after a failed attempt of their chunk count as maybe
 * logged, so Pipedrive looks for their markers before creating them.
 */
class EngagementActivityWriter implements NarrowableWriter<EmailHistory> {

    /** Where the writer's bookkeeping goes (and its event-to-CRM latency, {@code metrics}). */
    public record Stores(RecordLinkStore links, ActivityLinkStore activityLinks, ActivityBacklogStore backlog,
                         SyncErrorStore errors, SyncAuditStore audit, SyncMetrics metrics) {
    }

    /**
     * The partition being written: its connection and run, for links, dead letters and audit rows.
     *
     * @param suspectUpTo events up to this id may have been logged by an earlier attempt that did not finish
     */
    public record Target(long connectionId, String tenantId, List<ObjectType> personObjects, String jobName,
                         long jobExecutionId, String stepName, java.util.function.LongSupplier suspectUpTo,
                         String crm) {
    }

    private record Planned(EmailHistory email, Activity activity, String hash) {
    }

    private final Stores stores;
    private final Target target;
    private final ActivityComposer composer;
    private final CrmConnector connector;

    public EngagementActivityWriter(Stores stores, Target target, ActivityComposer composer, CrmConnector connector) {
        this.stores = stores;
        this.target = target;
        this.composer = composer;
        this.connector = connector;
    }

    @Override
    public void write(Chunk<? extends EmailHistory> chunk) {
        write(chunk, false);
    }

    /** After a failed attempt of their chunk: its activities may be in the CRM already, unlinked. */
    @Override
    public void writeAgain(Chunk<? extends EmailHistory> chunk) {
        write(chunk, true);
    }

    @Override
    public void deadLetter(EmailHistory email, String reason) {
        stores.backlog().add(target.connectionId(), List.of(email.key()), ActivityBacklogStore.Reason.REFUSED);
        stores.errors().record(List.of(new SyncError(target.tenantId(), target.connectionId(), target.jobName(),
                target.jobExecutionId(), recordKey(email.key()), null, "could not be logged: " + reason, null)));
    }

    private void write(Chunk<? extends EmailHistory> chunk, boolean attemptedInThisChunk) {
        List<Long> contactIds = chunk.getItems().stream().map(EmailHistory::contactId).distinct().toList();
        Map<Long, RecordLink> links = new LinkedHashMap<>();
        for (ObjectType type : target.personObjects()) {
            stores.links().findLiveByPmIds(target.connectionId(), type, "contact", contactIds)
                    .forEach(links::putIfAbsent);
        }
        Map<Long, String> companies = stores.links().companyCrmIdsOfContacts(target.connectionId(), contactIds);
        Set<EmailHistory.Key> unlinked = new LinkedHashSet<>();
        List<Planned> planned = new ArrayList<>();
        for (EmailHistory email : chunk.getItems()) {
            RecordLink link = links.get(email.contactId());
            if (link == null) {
                unlinked.add(email.key());
                continue;
            }
            // an e-mail none of whose new events an unfinished attempt reached cannot be in the CRM without a link
            boolean maybeLogged = attemptedInThisChunk
                    || email.newEvents().stream().anyMatch(id -> id <= target.suspectUpTo().getAsLong());
            for (Activity composed : composer.compose(email, link.objectType(), link.crmId())) {
                Activity activity = composed.withCompany(companies.get(email.contactId()));
                planned.add(new Planned(email, activity.withMaybeLogged(maybeLogged), hash(activity)));
            }
        }
        Map<String, ActivityLinkStore.Link> logged = stores.activityLinks().find(target.connectionId(),
                planned.stream().map(p -> p.activity().key()).toList());
        Map<String, Planned> toLog = new LinkedHashMap<>(); // an e-mail read twice in a chunk is logged once
        for (Planned p : planned) {
            ActivityLinkStore.Link link = logged.get(p.activity().key());
            if (link == null || !p.hash().equals(link.contentHash())) {
                toLog.put(p.activity().key(), link == null ? p
                        : new Planned(p.email(), p.activity().withCrmActivityId(link.crmActivityId()), p.hash()));
            }
        }
        List<Planned> sending = List.copyOf(toLog.values());
        List<WriteResult> results = sending.isEmpty() ? List.of()
                : connector.logActivities(sending.stream().map(Planned::activity).toList());
        java.time.Instant now = java.time.Instant.now();
        List<ActivityLinkStore.Link> written = new ArrayList<>();
        Set<EmailHistory.Key> refused = new LinkedHashSet<>();
        List<SyncError> errors = new ArrayList<>();
        for (WriteResult result : results) {
            Planned p = sending.get(result.index());
            if (result.success()) {
                written.add(new ActivityLinkStore.Link(p.activity().key(), Objects.requireNonNull(result.crmId()),
                        p.hash()));
                stores.metrics().eventLatency(new SyncMetrics.ConnectionTags(target.tenantId(), target.crm(),
                        target.connectionId()), java.time.Duration.between(p.activity().occurredAt(), now));
            } else {
                if (result.crmId() != null) { // the CRM holds it in part (e.g. not associated): update it next time
                    written.add(new ActivityLinkStore.Link(p.activity().key(), result.crmId(), null));
                }
                refused.add(p.email().key());
                errors.add(new SyncError(target.tenantId(), target.connectionId(), target.jobName(),
                        target.jobExecutionId(), recordKey(p.email().key()),
                        result.fields().isEmpty() ? null : String.join(",", result.fields()),
                        p.activity().kind().name().toLowerCase(java.util.Locale.ROOT) + " activity refused: "
                                + result.error() + ": " + result.message(), null));
            }
        }
        stores.activityLinks().upsert(target.connectionId(), written);
        stores.backlog().add(target.connectionId(), unlinked, ActivityBacklogStore.Reason.UNLINKED);
        stores.backlog().add(target.connectionId(), refused, ActivityBacklogStore.Reason.REFUSED);
        Set<EmailHistory.Key> done = new LinkedHashSet<>();
        chunk.getItems().forEach(e -> done.add(e.key()));
        done.removeAll(unlinked);
        done.removeAll(refused);
        stores.backlog().remove(target.connectionId(), done);
        stores.errors().record(errors);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(),
                done.stream().map(EngagementActivityWriter::recordKey).toList());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("emails", chunk.size());
        details.put("logged", written.size() - (int) written.stream().filter(l -> l.contentHash() == null).count());
        details.put("unchanged", planned.size() - sending.size());
        details.put("unlinked", unlinked.size());
        details.put("refused", refused.size());
        stores.audit().append(List.of(new SyncAuditStore.Entry(target.tenantId(), target.connectionId(),
                target.jobName(), target.jobExecutionId(), target.stepName(), "activities", "ACTIVITY",
                written.size(), details)));
    }

    /** What identifies everything a CRM shows of an activity: a changed hash means the CRM record needs an update. */
    static String hash(Activity a) {
        return ValueHash.of(String.join("\u0000", a.kind().name(), a.key(), a.whoType().name(), a.whoCrmId(),
                a.latestEvent().name(), a.occurredAt().toString(), a.subject(), a.description(),
                a.companyCrmId() == null ? "" : a.companyCrmId()));
    }

    private static String recordKey(EmailHistory.Key key) {
        return "penguinmails:email:" + key.contactId() + ":" + key.messageId();
    }
}
