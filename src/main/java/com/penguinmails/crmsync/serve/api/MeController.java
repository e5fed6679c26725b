package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who the token says the caller is (for the frontend, and to check a token). */
@RestController
@RequestMapping("/api/v1")
@ConditionalOnServe
class MeController {

    /** The caller as the service sees it. */
    record Me(String subject, @Nullable String tenant, boolean operator) {
    }

    @GetMapping("/me")
    Me me(ApiCaller caller) {
        return new Me(caller.subject(), caller.tenantId(), caller.operator());
    }
}
