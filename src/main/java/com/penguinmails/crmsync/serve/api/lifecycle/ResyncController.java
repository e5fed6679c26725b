package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/connections/{connectionId}/resync}: syncs one connection now, in the background (202 with what
 * was started), optionally as a backfill from {@code since}.
 */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}")
@ConditionalOnServe
@Tag(name = "Connection lifecycle")
class ResyncController {

    private final ApiConnections visible;
    private final Resyncs resyncs;

    ResyncController(ApiConnections visible, Resyncs resyncs) {
        this.visible = visible;
        this.resyncs = resyncs;
    }

    /** The body of a resync: an ISO-8601 date-time with offset to backfill from; none for a regular run. */
    record ResyncRequest(@Nullable String since) {
    }

    @PostMapping("/resync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Resyncs one connection now: a contact-sync run of it in the background (with since, a "
            + "backfill of both directions from then); 409 while a run already syncs it")
    Resyncs.Started resync(ApiCaller caller, @PathVariable long connectionId,
                           @RequestBody(required = false) @Nullable ResyncRequest body) {
        Connection connection = visible.visible(caller, connectionId);
        Instant since = body == null || body.since() == null || body.since().isBlank() ? null : since(body.since());
        return resyncs.start(caller.actor(), connection, since);
    }

    private static Instant since(String text) {
        Instant since;
        try {
            since = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new ApiProblem.Invalid("since", "'" + text + "' is not an ISO-8601 date-time with an offset, such "
                    + "as 2026-11-01T08:00:00Z");
        }
        if (since.isAfter(Instant.now())) {
            throw new ApiProblem.Invalid("since", "'" + text + "' is in the future");
        }
        return since;
    }
}
