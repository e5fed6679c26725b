package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Pipedrive's success envelope: {@code {"success": true, "data": ..., "additional_data": ...}}. */
public final class Envelope {

    private Envelope() {
    }

    public static SandboxResponse ok(@Nullable Object data) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return SandboxResponse.json(200, body);
    }

    /** A v2 page: {@code additional_data.next_cursor} is null on the last page. */
    public static SandboxResponse page(Object data, @Nullable String nextCursor) {
        Map<String, @Nullable Object> additional = new LinkedHashMap<>();
        additional.put("next_cursor", nextCursor);
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        body.put("additional_data", additional);
        return SandboxResponse.json(200, body);
    }
}
