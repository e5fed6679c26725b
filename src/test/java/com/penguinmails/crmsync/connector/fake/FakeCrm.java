package com.penguinmails.crmsync.connector.fake;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.ApiBudget;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.core.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory CRM behind the {@link CrmConnector} port: records per object type, each change stamped with a
 * sequence number its change feed pages by (the cursor is the last number read), upserts by CRM id or else by
 * external id. Keeps every upsert it was sent, so a test can see what reached it.
 */
public final class FakeCrm implements CrmConnector {

    /** A record as the fake CRM holds it. */
    private record Stored(ObjectType type, String id, @Nullable String externalId, long sequence,
                          Map<String, @Nullable Object> fields) {
    }

    private final Map<String, Stored> records = new LinkedHashMap<>();
    private final List<CrmRecord> upserts = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong ids = new AtomicLong(100);

    /** Creates a record as a CRM user would; returns its id. */
    public synchronized String create(ObjectType type, Map<String, @Nullable Object> fields) {
        String id = "fk" + ids.incrementAndGet();
        records.put(id, new Stored(type, id, null, sequence.incrementAndGet(), new LinkedHashMap<>(fields)));
        return id;
    }

    /** The fields of record {@code id} now. */
    public synchronized Map<String, @Nullable Object> fields(String id) {
        return Map.copyOf(Objects.requireNonNull(records.get(id), () -> "no fake record " + id).fields());
    }

    /** Every record the suite upserted, in order. */
    public synchronized List<CrmRecord> upserts() {
        return List.copyOf(upserts);
    }

    @Override
    public synchronized Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        long after = since.isStart() || since.value().isEmpty() ? 0 : Long.parseLong(since.value());
        List<Stored> changed = records.values().stream().filter(r -> r.type() == type && r.sequence() > after)
                .sorted(java.util.Comparator.comparingLong(Stored::sequence)).toList();
        List<Stored> page = changed.subList(0, Math.min(pageSize, changed.size()));
        long last = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        return new Page<>(page.stream().map(r -> CrmRecord.of(type, r.id(), Instant.ofEpochSecond(r.sequence()),
                r.fields())).toList(), new Cursor(Long.toString(last)), changed.size() > page.size());
    }

    /** The records of {@code type} with these ids, as {@link #changes} gives them; an unknown id is absent. */
    @Override
    public synchronized List<CrmRecord> read(ObjectType type, java.util.Collection<String> ids) {
        return ids.stream().distinct().map(records::get).filter(r -> r != null && r.type() == type)
                .map(r -> CrmRecord.of(type, r.id(), Instant.ofEpochSecond(r.sequence()), r.fields())).toList();
    }

    /** Edits a record as a CRM user would (a field set to a new value); its change comes next in the feed. */
    public synchronized void update(String id, String field, @Nullable Object value) {
        Stored stored = Objects.requireNonNull(records.get(id), () -> "no fake record " + id);
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(stored.fields());
        fields.put(field, value);
        records.put(id, new Stored(stored.type(), id, stored.externalId(), sequence.incrementAndGet(), fields));
    }

    @Override
    public synchronized List<WriteResult> upsert(ObjectType type, List<CrmRecord> written) {
        List<WriteResult> results = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            CrmRecord record = written.get(i);
            upserts.add(record);
            Stored existing = record.crmId() != null ? records.get(record.crmId()) : byExternalId(record.externalId());
            String id = existing != null ? existing.id() : "fk" + ids.incrementAndGet();
            Map<String, @Nullable Object> fields = new LinkedHashMap<>(existing != null ? existing.fields() : Map.of());
            fields.putAll(record.fields());
            records.put(id, new Stored(type, id, record.externalId(), sequence.incrementAndGet(), fields));
            results.add(WriteResult.written(i, id, existing == null));
        }
        return results;
    }

    private @Nullable Stored byExternalId(@Nullable String externalId) {
        return externalId == null ? null : records.values().stream()
                .filter(r -> externalId.equals(r.externalId())).findFirst().orElse(null);
    }

    @Override
    public List<WriteResult> logActivities(List<Activity> activities) {
        List<WriteResult> results = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            results.add(WriteResult.failed(i, "UNSUPPORTED", "the fake CRM keeps no timeline", List.of()));
        }
        return results;
    }

    @Override
    public ObjectDescription describe(ObjectType type) {
        List<String> names = type == ObjectType.COMPANY ? List.of("name") : List.of("email", "first", "last");
        return new ObjectDescription(type, type.name().toLowerCase(java.util.Locale.ROOT), names.stream()
                .map(name -> new FieldDescription(name, name, "string", 255, false, true, true, false, List.of()))
                .toList());
    }

    @Override
    public ApiBudget budget() {
        return new ApiBudget(0, 1_000_000, null);
    }
}
