package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.ContactSyncStore.ContactWrite;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of CRM contact changes into PenguinMails, in the chunk's transaction and a few statements in all:
 * looks up the chunk's links and contacts, decides each record ({@link InboundContactMerge}), upserts the contacts,
 * writes the links with their new field hashes, records conflicts in the audit, dead-letters records that cannot sync
 * (and resolves those that now do), marks contacts whose PenguinMails value won for the outbound step, and re-points
 * or closes the links of records the CRM deleted or merged.
 */
public class InboundContactWriter implements ItemWriter<CrmRecord> {

    /**
     * Where the writer reports to, and which run it belongs to.
     *
     * @param dryRun when set, decisions go to this report and nothing is written to either side
     */
    public record Target(long connectionId, String tenantId, CrmKind crm, String jobName, long jobExecutionId,
                         String stepName, com.penguinmails.crmsync.job.support.@Nullable DryRunReport dryRun) {

        String connectionName() {
            return "connection-" + connectionId;
        }
    }

    /** The stores the writer uses. */
    public record Stores(RecordLinkStore links, ContactSyncStore contacts, SyncErrorStore errors,
                         SyncAuditStore audit, ContactChangeStore changes) {
    }

    private final Stores stores;
    private final Target target;
    private final Map<ObjectType, FieldMap> maps;

    public InboundContactWriter(Stores stores, Target target, Map<ObjectType, FieldMap> maps) {
        this.stores = stores;
        this.target = target;
        this.maps = maps;
    }

    @Override
    public void write(Chunk<? extends CrmRecord> chunk) {
        Map<ObjectType, List<CrmRecord>> byType = new LinkedHashMap<>();
        chunk.getItems().forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
        byType.forEach(this::writeType);
    }

    private void writeType(ObjectType type, List<CrmRecord> records) {
        FieldMap map = Objects.requireNonNull(maps.get(type), () -> "no field map for " + type);
        Map<String, RecordLink> links = stores.links().findByCrmIds(target.connectionId(), type,
                records.stream().map(CrmRecord::crmId).filter(Objects::nonNull).toList());
        List<CrmRecord> live = records.stream().filter(r -> !r.deleted()).toList();
        if (target.dryRun() != null) {
            target.dryRun().add(target.jobExecutionId(), target.connectionName(), type.name(), "close link (CRM deleted)",
                    records.stream().filter(r -> r.deleted() && links.containsKey(r.crmId())).map(this::recordKey)
                            .toList());
        } else {
            closeDeletedLinks(type, records.stream().filter(CrmRecord::deleted).toList(), links);
        }

        Map<Long, PmContact> linked = stores.contacts().findByIds(target.tenantId(), live.stream()
                .map(r -> links.get(r.crmId())).filter(l -> l != null && l.live()).map(RecordLink::pmId).toList());
        Map<String, String> emailOfUnlinked = new HashMap<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            if (link == null || !link.live() || !linked.containsKey(link.pmId())) {
                Object email = FieldMapper.inbound(map, r.fields()).values().get("email");
                if (email != null) {
                    emailOfUnlinked.put(r.crmId(), email.toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, PmContact> byEmail = stores.contacts().findByEmails(target.tenantId(), emailOfUnlinked.values());
        Map<Long, RecordLink> linksOfEmailMatches = stores.links().findLiveByPmIds(target.connectionId(), type,
                "contact", byEmail.values().stream().map(PmContact::id).toList());

        Map<String, ContactWrite> writes = new LinkedHashMap<>();
        Map<String, CrmRecord> claimedEmails = new HashMap<>();
        List<Decided> decided = new ArrayList<>();
        List<SyncError> errors = new ArrayList<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            PmContact current = link != null && link.live() ? linked.get(link.pmId()) : null;
            if (current == null && emailOfUnlinked.containsKey(r.crmId())) {
                current = byEmail.get(emailOfUnlinked.get(r.crmId()));
            }
            InboundDecision decision = InboundContactMerge.decide(map, r, link != null && link.live() ? link : null,
                    current);
            if (!decision.syncable()) {
                decision.problems().forEach(p -> errors.add(error(r, p)));
                continue;
            }
            String email = String.valueOf(decision.values().get("email")).toLowerCase(Locale.ROOT);
            CrmRecord other = claimedEmails.putIfAbsent(email, r);
            RecordLink elsewhere = current == null ? null : linksOfEmailMatches.get(current.id());
            if (other != null || (elsewhere != null && !elsewhere.crmId().equals(r.crmId()))) {
                errors.add(error(r, new FieldProblem(map.forPmField("email").map(f -> f.crmField()).orElse("email"),
                        "duplicates another CRM record's e-mail in this tenant (CRM record "
                                + (other != null ? other.crmId() : "linked earlier") + "); merge them in the CRM")));
                continue;
            }
            decision.problems().forEach(p -> errors.add(error(r, p)));
            if (decision.changesPenguinMails() || current == null) {
                writes.put(email, write(decision.values()));
            }
            decided.add(new Decided(r, decision, current, email));
        }

        if (target.dryRun() != null) {
            report(type, decided, errors);
            return;
        }
        Map<String, Long> ids = stores.contacts().upsert(target.tenantId(), List.copyOf(writes.values()));
        List<RecordLink> newLinks = new ArrayList<>();
        List<Long> pmWon = new ArrayList<>();
        List<SyncAuditStore.Entry> audit = new ArrayList<>();
        for (Decided d : decided) {
            long pmId = d.current != null ? d.current.id() : Objects.requireNonNull(ids.get(d.email));
            newLinks.add(new RecordLink(target.connectionId(), type, Objects.requireNonNull(d.record.crmId()),
                    "contact", pmId, d.decision.fieldHashes(), d.record.modifiedAt(), null, null));
            if (d.decision.penguinMailsWonAField()) {
                pmWon.add(pmId);
            }
            if (!d.decision.conflicts().isEmpty()) {
                audit.add(entry("conflict", type, 1, Map.of("crmId", d.record.crmId(), "contactId", pmId,
                        "fields", d.decision.conflicts())));
            }
        }
        stores.links().upsert(newLinks);
        stores.errors().record(errors);
        stores.errors().resolve(target.jobName(), target.tenantId(), target.connectionId(),
                decided.stream().map(d -> recordKey(d.record)).toList());
        stores.changes().markChanged(target.tenantId(), pmWon, "conflict");
        audit.add(entry("inbound", type, live.size(), Map.of("written", writes.size(), "errors", errors.size(),
                "linked", newLinks.size())));
        stores.audit().append(audit);
    }

    private void report(ObjectType type, List<Decided> decided, List<SyncError> errors) {
        var report = Objects.requireNonNull(target.dryRun());
        String connection = target.connectionName();
        report.add(target.jobExecutionId(), connection, type.name(), "create in penguinmails",
                decided.stream().filter(d -> d.current == null).map(d -> recordKey(d.record)).toList());
        report.add(target.jobExecutionId(), connection, type.name(), "update in penguinmails",
                decided.stream().filter(d -> d.current != null && d.decision.changesPenguinMails())
                        .map(d -> recordKey(d.record)).toList());
        report.add(target.jobExecutionId(), connection, type.name(), "conflict",
                decided.stream().filter(d -> !d.decision.conflicts().isEmpty()).map(d -> recordKey(d.record)).toList());
        report.add(target.jobExecutionId(), connection, type.name(), "error",
                errors.stream().map(SyncError::recordKey).distinct().toList());
    }

    private void closeDeletedLinks(ObjectType type, List<CrmRecord> deleted, Map<String, RecordLink> links) {
        List<RecordLink> closed = new ArrayList<>();
        for (CrmRecord r : deleted) {
            RecordLink link = links.get(r.crmId());
            if (link != null) {
                Instant at = r.modifiedAt() != null ? r.modifiedAt() : Instant.now();
                closed.add(new RecordLink(link.connectionId(), type, link.crmId(), link.pmEntity(), link.pmId(),
                        link.fieldHashes(), link.crmModifiedAt(), r.mergedIntoId(), at));
            }
        }
        stores.links().upsert(closed);
        if (!closed.isEmpty()) {
            long merged = deleted.stream().filter(CrmRecord::merged).count();
            stores.audit().append(List.of(entry("crm_deleted", type, closed.size(),
                    Map.of("merged", merged, "crmIds", closed.stream().map(RecordLink::crmId).toList()))));
        }
    }

    private static ContactWrite write(Map<String, @Nullable Object> values) {
        Map<String, @Nullable Object> custom = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("custom.")) {
                custom.put(k.substring("custom.".length()), v);
            }
        });
        return new ContactWrite(String.valueOf(values.get("email")), text(values, "first_name"),
                text(values, "last_name"), text(values, "phone"), text(values, "job_title"),
                Boolean.TRUE.equals(values.get("unsubscribed")), custom);
    }

    private static @Nullable String text(Map<String, @Nullable Object> values, String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    private SyncError error(CrmRecord record, FieldProblem problem) {
        return new SyncError(target.tenantId(), target.connectionId(), target.jobName(), target.jobExecutionId(),
                recordKey(record), problem.field(), problem.field() + " " + problem.reason(), null);
    }

    private String recordKey(CrmRecord record) {
        return target.crm().id() + ":" + record.type().name().toLowerCase(Locale.ROOT) + ":" + record.crmId();
    }

    private SyncAuditStore.Entry entry(String action, ObjectType type, int count, Object details) {
        return new SyncAuditStore.Entry(target.tenantId(), target.connectionId(), target.jobName(),
                target.jobExecutionId(), target.stepName(), action, type.name(), count, details);
    }

    private record Decided(CrmRecord record, InboundDecision decision, @Nullable PmContact current, String email) {
    }
}
