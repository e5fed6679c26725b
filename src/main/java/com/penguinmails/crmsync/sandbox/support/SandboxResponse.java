package com.penguinmails.crmsync.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP response a handler returns: status, headers, body. */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SandboxResponse {
        headers = Map.copyOf(headers);
    }

    /** {@code value} serialised with Jackson as {@code application/json;charset=utf-8}. */
    public static SandboxResponse json(int status, Object value) {
        return new SandboxResponse(status, Map.of("Content-Type", "application/json;charset=utf-8"),
                JSON.writeValueAsBytes(value));
    }

    public static SandboxResponse text(int status, String contentType, String body) {
        return new SandboxResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, Map.of(), new byte[0]);
    }

    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SandboxResponse(status, copy, body);
    }

    /** The Jackson mapper the sandboxes use to read and write JSON bodies. */
    public static JsonMapper jsonMapper() {
        return JSON;
    }
}
