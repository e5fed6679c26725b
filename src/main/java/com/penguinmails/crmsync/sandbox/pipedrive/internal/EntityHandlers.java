package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The v2 endpoints of one object type: {@code GET} list (cursor paging, filters, sorting), {@code GET /{id}},
 * {@code POST} (add), {@code PATCH /{id}} (update) and {@code DELETE /{id}} (soft delete: the record is marked
 * {@code is_deleted}, leaves lists, still answers {@code GET /{id}} until purged after 30 days).
 */
public final class EntityHandlers {

    private final EntityType type;
    private final AccountData data;
    private final RecordValidator validator;
    private final RecordView view;

    public EntityHandlers(EntityType type, AccountData data) {
        this.type = type;
        this.data = data;
        this.validator = new RecordValidator(data);
        this.view = new RecordView(data.catalog());
    }

    public SandboxResponse list(SandboxRequest request, Caller caller) {
        ListQuery query = ListQuery.parse(type, request);
        List<StoredRecord> matching = query.select(store().liveRecords());
        List<StoredRecord> page = matching.subList(0, Math.min(query.limit(), matching.size()));
        String next = null;
        if (matching.size() > page.size()) {
            StoredRecord last = page.get(page.size() - 1);
            next = new Cursor(query.sortBy(), query.direction(), query.sortValue(last), last.id()).encode();
        }
        return Envelope.page(view.renderAll(type, page, query.customFields()), next);
    }

    public SandboxResponse get(SandboxRequest request, Caller caller) {
        long id = id(request);
        StoredRecord record = store().find(id, data.now()).orElseThrow(this::notFound);
        Set<String> custom = ListQuery.customFields(request).orElse(null);
        return Envelope.ok(view.render(type, record, custom));
    }

    public SandboxResponse add(SandboxRequest request, Caller caller) {
        StoredRecord created = data.write(() -> {
            Changes changes = validator.validate(EntitySchemas.of(type), RecordValidator.parseObject(request.body()),
                    true);
            Instant now = data.now();
            Map<String, @Nullable Object> fields = RecordRules.onCreate(type, changes, now);
            StoredRecord record = new StoredRecord(store().newId(), fields, changes.customFields(), now, now, null,
                    null);
            store().put(record);
            return record;
        });
        return Envelope.ok(view.render(type, created, null));
    }

    public SandboxResponse update(SandboxRequest request, Caller caller) {
        long id = id(request);
        StoredRecord updated = data.write(() -> {
            Instant now = data.now();
            StoredRecord current = store().live(id, now).orElseThrow(this::notFound);
            Changes changes = validator.validate(EntitySchemas.of(type), RecordValidator.parseObject(request.body()),
                    false);
            StoredRecord next = current.updated(RecordRules.onUpdate(type, current.fields(), changes, now),
                    changes.customFields(), now);
            store().put(next);
            return next;
        });
        return Envelope.ok(view.render(type, updated, null));
    }

    public SandboxResponse delete(SandboxRequest request, Caller caller) {
        long id = id(request);
        data.write(() -> {
            Instant now = data.now();
            StoredRecord current = store().live(id, now).orElseThrow(this::notFound);
            store().put(current.deletedAt(now, null));
            return current;
        });
        return Envelope.ok(Map.of("id", id));
    }

    private EntityStore store() {
        return data.store(type);
    }

    private ApiError notFound() {
        return ApiError.notFound(type.displayName() + " not found");
    }

    static long id(SandboxRequest request) {
        long id = ListQuery.integer("id", request.pathParam("id"));
        if (id < 1) {
            throw ApiError.validation("id", "must be >= 1");
        }
        return id;
    }
}
