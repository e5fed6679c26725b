package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stored record: typed values by canonical field name (String, Boolean, Double, LocalDate, Instant), plus the
 * recycle-bin state. Mutated only by the {@link RecordStore}'s classes under its lock; readers get
 * {@link #snapshot()} copies.
 */
public final class SfRecord {

    private final ObjectDef object;
    private final String id;
    private final Map<String, @Nullable Object> values = new LinkedHashMap<>();
    private @Nullable Instant deletedDate;
    private @Nullable String masterRecordId;

    SfRecord(ObjectDef object, String id) {
        this.object = object;
        this.id = id;
        values.put("Id", id);
    }

    public String id() {
        return id;
    }

    public ObjectDef object() {
        return object;
    }

    public boolean deleted() {
        return deletedDate != null;
    }

    @Nullable Instant deletedDate() {
        return deletedDate;
    }

    void delete(Instant when, @Nullable String masterId) {
        this.deletedDate = when;
        this.masterRecordId = masterId;
    }

    void put(String field, @Nullable Object value) {
        values.put(field, value);
    }

    @Nullable Object raw(String field) {
        return values.get(field);
    }

    Instant modstamp() {
        return (Instant) values.get("SystemModstamp");
    }

    /** The value of {@code field} (canonical name), computed fields included. */
    public @Nullable Object get(String field) {
        return switch (field) {
            case "IsDeleted" -> deletedDate != null;
            case "MasterRecordId" -> masterRecordId;
            case "Name" -> object.name().equals("Account") ? values.get("Name") : fullName();
            case "IsEmailBounced" -> values.get("EmailBouncedReason") != null || values.get("EmailBouncedDate") != null;
            case "IsClosed" -> "Completed".equals(values.get("Status"));
            default -> values.get(field);
        };
    }

    private String fullName() {
        Object first = values.get("FirstName");
        Object last = values.get("LastName");
        return first == null ? String.valueOf(last) : first + " " + last;
    }

    /** Every field of the object with its current value (null when unset). */
    public Map<String, @Nullable Object> snapshot() {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (FieldDef field : object.fields()) {
            copy.put(field.name(), get(field.name()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
