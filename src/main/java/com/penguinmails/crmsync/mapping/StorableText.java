package com.penguinmails.crmsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes text storable on both sides: PostgreSQL's {@code text} and {@code jsonb} refuse the NUL character, and an
 * unpaired UTF-16 surrogate (half of an emoji cut apart) is not a character at all, so neither can be stored or sent.
 * NULs are removed and lone surrogates replaced by U+FFFD; everything else, and the meaning, stays. Lists and maps
 * (Pipedrive's e-mail and phone entries) are cleaned value by value.
 */
final class StorableText {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** The value itself when storable, else a {@link Cleaned} value saying what was changed. */
    static @Nullable Object clean(@Nullable Object value) {
        List<String> notes = new ArrayList<>();
        Object cleaned = clean(value, notes);
        return notes.isEmpty() ? value : new Cleaned(cleaned, notes.stream().distinct().toList());
    }

    private static @Nullable Object clean(@Nullable Object value, List<String> notes) {
        if (value instanceof String text) {
            return text(text, notes);
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(clean(item, notes)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, @Nullable Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, clean(v, notes)));
            return out;
        }
        return value;
    }

    private static String text(String text, List<String> notes) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean nul = c == '\0';
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)));
            if (Character.isHighSurrogate(c) && !lone) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (nul || lone) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (nul) {
                    notes.add("held NUL characters, which PostgreSQL cannot store; they were removed");
                } else {
                    out.append(REPLACEMENT);
                    notes.add("held a broken (unpaired UTF-16 surrogate) character; it was replaced by U+FFFD");
                }
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
