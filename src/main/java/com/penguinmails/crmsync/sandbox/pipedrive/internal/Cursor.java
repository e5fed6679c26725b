package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of v2 lists: the sort key and id of the last record served, bound to the sort it was made
 * for. The next page starts strictly after that position, so records inserted or updated while a reader pages are
 * neither skipped nor repeated within one sort order (an update moves a record to the end of an update_time sort).
 */
public record Cursor(String sortBy, String direction, long sortValue, long id) {

    private static final String PREFIX = "pdsbx1";

    public String encode() {
        String raw = PREFIX + ":" + sortBy + ":" + direction + ":" + sortValue + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made for the same sort, or 400. */
    public static Cursor decode(String text, String sortBy, String direction) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 5 || !parts[0].equals(PREFIX)) {
                throw invalid();
            }
            if (!parts[1].equals(sortBy) || !parts[2].equals(direction)) {
                throw ApiError.validation("cursor", "The cursor does not match the sort_by and sort_direction "
                        + "parameters it was created with");
            }
            return new Cursor(parts[1], parts[2], Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** An offset cursor for search results. */
    public static String offset(int offset) {
        return new Cursor("search", "asc", offset, 0).encode();
    }

    public static int decodeOffset(String text) {
        return (int) decode(text, "search", "asc").sortValue();
    }

    private static ApiError invalid() {
        return ApiError.validation("cursor", "Invalid cursor");
    }
}
