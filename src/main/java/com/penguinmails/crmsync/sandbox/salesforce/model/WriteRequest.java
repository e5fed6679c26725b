package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One record to write, as text from the wire (a SOAP sObject or a CSV row).
 *
 * @param values field name (as the caller spelled it) to text; a null value sets the field to null
 *               ({@code fieldsToNull}, {@code xsi:nil}, {@code #N/A})
 */
public record WriteRequest(String object, @Nullable String id, Map<String, @Nullable String> values) {
}
