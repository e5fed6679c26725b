package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.job.support.NarrowableWriter;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.store.ContactChangeStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The inbound step's writer: a chunk's companies first ({@link InboundCompanyWriter}), so the people after them in the
 * same chunk can point at them, then its people ({@link InboundContactWriter}), all in the chunk's transaction, which
 * it first declares an echo of the connection's CRM ({@link ContactChangeStore#captureAsEchoOf}): the contacts it
 * changes are marked for the tenant's other connections, not sent back to the CRM they came from. A record that fails
 * alone (see {@link com.penguinmails.crmsync.job.support.RecordSafetyNet}) is dead-lettered and retried when it
 * changes in the CRM again, or by a backfill, as the records the writers refuse themselves.
 */
class InboundChangeWriter implements NarrowableWriter<CrmRecord> {

    private final InboundCompanyWriter companies;
    private final InboundContactWriter people;
    private final ContactChangeStore changes;
    private final long connectionId;

    public InboundChangeWriter(InboundCompanyWriter companies, InboundContactWriter people,
                               ContactChangeStore changes, long connectionId) {
        this.companies = companies;
        this.people = people;
        this.changes = changes;
        this.connectionId = connectionId;
    }

    /**
     * The writer of one connection's inbound changes, for the run (or the real-time apply) {@code target} names:
     * companies with the connection's COMPANY map, people with its person maps.
     */
    static InboundChangeWriter of(ContactStores stores, ListAndCompanyStores more, ConnectionTarget target,
                                  Map<ObjectType, FieldMap> maps) {
        return new InboundChangeWriter(new InboundCompanyWriter(stores, more, target, Objects.requireNonNull(
                maps.get(ObjectType.COMPANY), () -> "no COMPANY field map for " + target.crm())),
                new InboundContactWriter(stores, more, target, maps), stores.changes(), target.connectionId());
    }

    @Override
    public void write(Chunk<? extends CrmRecord> chunk) throws Exception {
        List<CrmRecord> companyRecords = chunk.getItems().stream()
                .filter(r -> r.type() == ObjectType.COMPANY).map(r -> (CrmRecord) r).toList();
        List<CrmRecord> personRecords = chunk.getItems().stream()
                .filter(r -> r.type() != ObjectType.COMPANY).map(r -> (CrmRecord) r).toList();
        changes.captureAsEchoOf(connectionId);
        if (!companyRecords.isEmpty()) {
            companies.write(companyRecords);
        }
        if (!personRecords.isEmpty()) {
            people.write(new Chunk<>(personRecords));
        }
    }

    @Override
    public void deadLetter(CrmRecord record, String reason) {
        people.deadLetter(record, reason);
    }
}
