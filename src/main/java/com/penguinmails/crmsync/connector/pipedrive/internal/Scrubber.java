package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import java.util.Collection;
import java.util.Map;

/**
 * Keeps personal data out of error messages: Pipedrive's error text is passed on with any value of the record
 * written (names, e-mail addresses, its PenguinMails id) replaced by {@code …}, and cut to 300 characters.
 */
final class Scrubber {

    private static final int MAX = 300;

    private Scrubber() {
    }

    static String scrub(String message, CrmRecord record) {
        String scrubbed = message;
        for (Object value : record.fields().values()) {
            scrubbed = scrubValue(scrubbed, value);
        }
        if (record.externalId() != null) {
            scrubbed = scrubValue(scrubbed, record.externalId());
        }
        return scrubbed.length() > MAX ? scrubbed.substring(0, MAX) + "…" : scrubbed;
    }

    static String scrubValue(String message, @org.jspecify.annotations.Nullable Object value) {
        if (value instanceof String text && text.length() >= 3) {
            return message.replace(text, "…");
        }
        if (value instanceof Collection<?> values) {
            String scrubbed = message;
            for (Object each : values) {
                scrubbed = scrubValue(scrubbed, each);
            }
            return scrubbed;
        }
        if (value instanceof Map<?, ?> map) {
            String scrubbed = message;
            for (Object each : map.values()) {
                scrubbed = scrubValue(scrubbed, each);
            }
            return scrubbed;
        }
        return message;
    }
}
