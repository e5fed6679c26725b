package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One field of an object as {@code describeSObject} reports it, plus what the store needs to enforce it.
 *
 * @param length          maximum characters for text fields, 0 otherwise
 * @param defaultedOnCreate the store fills it when a create leaves it out (so it is not "required" though not nillable)
 * @param defaultValue    the value filled on create, or null
 * @param referenceTo     objects a reference field may point to
 * @param restricted      a restricted picklist: values outside {@code picklistValues} are rejected
 */
public record FieldDef(String name, String label, FieldType type, int length, boolean nillable, boolean createable,
                       boolean updateable, boolean defaultedOnCreate, @Nullable Object defaultValue,
                       boolean externalId, boolean unique, boolean custom, List<String> referenceTo,
                       List<String> picklistValues, boolean restricted, int precision, int scale) {

    /** A field the caller must give on create: not nillable, createable, not defaulted. */
    public boolean requiredOnCreate() {
        return !nillable && createable && !defaultedOnCreate && type != FieldType.BOOLEAN;
    }

    /** Whether the field can be used to identify records in upsert (Id or an external id). */
    public boolean idLookup() {
        return type == FieldType.ID || externalId;
    }
}
