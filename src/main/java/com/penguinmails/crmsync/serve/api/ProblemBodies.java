package com.penguinmails.crmsync.serve.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Problem bodies written by the security filters (before any controller runs): same shape as {@link ApiProblemHandler}'s. */
final class ProblemBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemBodies() {
    }

    static void write(HttpServletResponse response, int status, String reason, String detail) throws IOException {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", ApiProblem.TYPE_BASE + reason);
        body.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
