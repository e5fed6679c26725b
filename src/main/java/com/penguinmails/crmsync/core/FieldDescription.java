package com.penguinmails.crmsync.core;

import java.util.List;

/**
 * One field of a CRM object as the CRM describes it, for validating field maps: its API name, label, type (the CRM's
 * own word: {@code string}, {@code email}, {@code boolean}, {@code enumeration} ...), maximum length (0 when none),
 * and what may be done with it.
 */
public record FieldDescription(String name, String label, String type, int length, boolean required,
                               boolean createable, boolean updateable, boolean externalId,
                               List<String> picklistValues) {

    public FieldDescription {
        picklistValues = List.copyOf(picklistValues);
    }
}
