package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.api.lifecycle.ConnectionLifecycle;
import com.penguinmails.crmsync.serve.api.lifecycle.Resyncs;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A connection's page's lifecycle buttons: Sync now (a contact-sync run of it in the background, {@link Resyncs}) and
 * Pause, Activate, Disconnect ({@link ConnectionLifecycle}), each of the last three behind a confirmation page (a plain
 * link to a form, so it works without JavaScript). All act as the caller (audited by the services) and redirect back
 * to the connection's page with what changed ({@code ?changed=paused}) or, when refused as a conflict (a run already
 * holds the connection, it is disconnected), the reason ({@code ?refused=...}) instead of an error page.
 */
@Controller
@ConditionalOnServe
class ConsoleLifecycleController {

    /** The changes behind a confirmation, and what the page asks. */
    enum Change {
        PAUSE("paused", "Pause syncing this connection? Runs and real-time changes leave it out until it is "
                + "activated; its credentials, links and history are kept."),
        ACTIVATE("activated", "Activate this connection? The next runs sync it again."),
        DISCONNECT("disconnected", "Disconnect this connection for good? Its CRM webhooks are removed and its "
                + "credentials deleted; its links and history stay, and connecting the same account again "
                + "reattaches it.");

        private final String done;
        private final String question;

        Change(String done, String question) {
            this.done = done;
            this.question = question;
        }

        public String question() {
            return question;
        }

        public String action() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Change of(String action) {
            for (Change change : values()) {
                if (change.action().equals(action)) {
                    return change;
                }
            }
            throw new ApiProblem.NotFound("no action " + action + " on a connection (pause, activate or disconnect)");
        }
    }

    private final ApiConnections connections;
    private final ConnectionLifecycle lifecycle;
    private final Resyncs resyncs;

    ConsoleLifecycleController(ApiConnections connections, ConnectionLifecycle lifecycle, Resyncs resyncs) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.resyncs = resyncs;
    }

    @PostMapping("/console/connections/{connectionId}/sync")
    String syncNow(ApiCaller caller, @PathVariable long connectionId) {
        Connection connection = connections.visible(caller, connectionId);
        try {
            resyncs.start(caller.actor(), connection, null);
            return back(connectionId, "changed", "sync-started");
        } catch (ApiProblem.Conflict refused) {
            return back(connectionId, "refused", refused.getMessage());
        }
    }

    @GetMapping("/console/connections/{connectionId}/confirm/{action}")
    String confirm(ApiCaller caller, @PathVariable long connectionId, @PathVariable String action, Model model) {
        Connection connection = connections.visible(caller, connectionId);
        model.addAttribute("caller", caller);
        model.addAttribute("connection", connection);
        model.addAttribute("change", Change.of(action));
        return "console/confirm";
    }

    @PostMapping("/console/connections/{connectionId}/{action:pause|activate|disconnect}")
    String change(ApiCaller caller, @PathVariable long connectionId, @PathVariable String action,
                  @RequestParam(required = false) @Nullable String reason) {
        Connection connection = connections.visible(caller, connectionId);
        Change change = Change.of(action);
        try {
            switch (change) {
                case PAUSE -> lifecycle.pause(caller.actor(), connection, reason);
                case ACTIVATE -> lifecycle.activate(caller.actor(), connection);
                case DISCONNECT -> lifecycle.disconnect(caller.actor(), connection);
            }
            return back(connectionId, "changed", change.done);
        } catch (ApiProblem.Conflict refused) {
            return back(connectionId, "refused", refused.getMessage());
        }
    }

    private static String back(long connectionId, String parameter, @Nullable String value) {
        return "redirect:" + UriComponentsBuilder.fromPath("/console/connections/" + connectionId)
                .queryParam(parameter, value == null ? "refused" : value).build().encode().toUriString();
    }
}
