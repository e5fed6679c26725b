package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.monitor.SyncErrorActions;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sync-health page's forms: {@code POST .../errors/retry} or {@code .../errors/ignore} a connection's open errors,
 * one ({@code errorId}) or a whole reason ({@code reason}), through {@link SyncErrorActions} as the caller (audited), then back to the page with the outcome
 * in its URL ({@code ?done=retried&count=3&skipped=1&note=...}, the notes being what the action says a person should
 * know) so a reload does not repeat it.
 */
@Controller
@ConditionalOnServe
class ConsoleErrorActionsController {

    private final ApiConnections connections;
    private final SyncErrorActions actions;

    ConsoleErrorActionsController(ApiConnections connections, SyncErrorActions actions) {
        this.connections = connections;
        this.actions = actions;
    }

    @PostMapping("/console/connections/{connectionId}/errors/{action}")
    String act(ApiCaller caller, @PathVariable long connectionId, @PathVariable String action,
               @RequestParam(required = false) @Nullable String reason,
               @RequestParam(required = false) @Nullable Long errorId) {
        connections.visible(caller, connectionId);
        boolean retry = switch (action) {
            case "retry" -> true;
            case "ignore" -> false;
            default -> throw new ApiProblem.NotFound("no action " + action + " on errors (retry or ignore)");
        };
        SyncErrorActions.Outcome outcome;
        if (errorId != null) {
            outcome = retry ? actions.retry(caller.actor(), connectionId, List.of(errorId))
                    : actions.ignore(caller.actor(), connectionId, List.of(errorId));
        } else {
            String named = reason(reason);
            outcome = retry ? actions.retryReason(caller.actor(), connectionId, named)
                    : actions.ignoreReason(caller.actor(), connectionId, named);
        }
        return back(connectionId, retry ? "retried" : "ignored", outcome);
    }

    /** The reason of a whole-group action; refused when neither a reason nor an error is named. */
    private static String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ApiProblem.Invalid("name the errors: a reason or an errorId",
                    List.of(new ApiProblem.FieldError("reason", "required when no errorId is given")));
        }
        return reason.strip();
    }

    private static String back(long connectionId, String done, SyncErrorActions.Outcome outcome) {
        // built, then encoded: a note's braces or ampersands are text, not URI template variables or parameters
        return "redirect:" + UriComponentsBuilder.fromPath("/console/connections/" + connectionId)
                .queryParam("done", done).queryParam("count", outcome.done())
                .queryParam("skipped", outcome.skipped()).queryParam("note", outcome.notes().toArray())
                .build().encode().toUriString();
    }
}
