package com.penguinmails.crmsync.core;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * A CRM's id, the value of {@code crm_sync.connections.crm}: lowercase letters and digits, starting with a letter.
 * It names no CRM itself: each CRM's provider declares its own (e.g. {@code SalesforceConnectorProvider.KIND}) and
 * {@link CrmProviders} says which ones this build has. Equal ids are the same instance, so {@code ==} compares them.
 */
public final class CrmKind {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*");
    private static final ConcurrentMap<String, CrmKind> INTERNED = new ConcurrentHashMap<>();

    private final String id;

    private CrmKind(String id) {
        this.id = id;
    }

    /**
     * The kind of {@code id} (trimmed, any case), whether or not a provider registered it: use
     * {@link CrmProviders#kind(String)} for an id a person typed.
     *
     * @throws IllegalArgumentException when {@code id} is not lowercase letters and digits starting with a letter
     */
    public static CrmKind of(String id) {
        String normal = id.strip().toLowerCase(Locale.ROOT);
        if (!ID.matcher(normal).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a CRM id (lowercase letters and digits, starting "
                    + "with a letter)");
        }
        return INTERNED.computeIfAbsent(normal, CrmKind::new);
    }

    /** The id, as stored in {@code crm_sync.connections.crm}. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrmKind kind && kind.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
