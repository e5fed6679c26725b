package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.api.connect.ConnectWithToken;
import com.penguinmails.crmsync.serve.oauth.HostedAuthorization;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Connecting a CRM from the console, and reconnecting a connection in place: the OAuth buttons start a hosted
 * authorisation ({@link HostedAuthorization}) and send the browser to the CRM's consent page (the callback brings it
 * back to {@code crmsync.oauth.settings-url}, which may be the console, see {@link ConsoleConnectionsController}); the
 * API-token forms connect through {@link ConnectWithToken}, a refused token showing the form again with the field's
 * problem (the token is never written back into the page).
 */
@Controller
@ConditionalOnServe
class ConsoleConnectController {

    private final ApiConnections connections;
    private final ConnectOptions options;
    private final HostedAuthorization hosted;
    private final ConnectWithToken tokens;

    ConsoleConnectController(ApiConnections connections, ConnectOptions options, HostedAuthorization hosted,
                             ConnectWithToken tokens) {
        this.connections = connections;
        this.options = options;
        this.hosted = hosted;
        this.tokens = tokens;
    }

    @PostMapping("/console/connect/{crm}/authorize")
    ResponseEntity<Void> authorize(ApiCaller caller, @PathVariable String crm,
                                   @RequestParam(required = false) @Nullable String tenant) {
        String connecting = connections.connecting(caller, tenant);
        return toConsent(hosted.start(caller.actor(), connecting, crm, null));
    }

    @GetMapping("/console/connect/{crm}")
    String tokenForm(ApiCaller caller, @PathVariable String crm,
                     @RequestParam(required = false) @Nullable String tenant, Model model) {
        return form(caller, crm, null, tenant, "", Map.of(), model);
    }

    @PostMapping("/console/connect/{crm}")
    String connectWithToken(ApiCaller caller, @PathVariable String crm, @RequestParam(defaultValue = "") String apiToken,
                            @RequestParam(required = false) @Nullable String baseUrl,
                            @RequestParam(required = false) @Nullable String tenant, HttpServletResponse response,
                            Model model) {
        try {
            String connecting = connections.connecting(caller, tenant);
            Connection connected = tokens.connect(caller.actor(), connecting, crm, apiToken, baseUrl);
            return "redirect:/console/connections/" + connected.id() + "?changed=connected";
        } catch (ApiProblem.Invalid refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(caller, crm, null, tenant, baseUrl == null ? "" : baseUrl, problems(refused), model);
        }
    }

    @PostMapping("/console/connections/{connectionId}/reconnect")
    ResponseEntity<Void> reconnect(ApiCaller caller, @PathVariable long connectionId) {
        Connection connection = reconnectable(caller, connectionId);
        return toConsent(hosted.start(caller.actor(), connection.tenantId(), connection.crm().id(), connection.id()));
    }

    @GetMapping("/console/connections/{connectionId}/reconnect")
    String reconnectForm(ApiCaller caller, @PathVariable long connectionId, Model model) {
        Connection connection = reconnectable(caller, connectionId);
        return form(caller, connection.crm().id(), connection, null, "", Map.of(), model);
    }

    @PostMapping("/console/connections/{connectionId}/reconnect/token")
    String reconnectWithToken(ApiCaller caller, @PathVariable long connectionId,
                              @RequestParam(defaultValue = "") String apiToken, HttpServletResponse response,
                              Model model) {
        Connection connection = reconnectable(caller, connectionId);
        try {
            tokens.replace(caller.actor(), connection, apiToken);
            return "redirect:/console/connections/" + connectionId + "?changed=reconnected";
        } catch (ApiProblem.Invalid refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(caller, connection.crm().id(), connection, null, "", problems(refused), model);
        }
    }

    /** The connection, when the caller sees it and it was not disconnected (that one is connected anew). */
    private Connection reconnectable(ApiCaller caller, long connectionId) {
        Connection connection = connections.visible(caller, connectionId);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connectionId + " was disconnected: connect its "
                    + connection.crm().id() + " account again from the connections page, which reattaches it with "
                    + "its links and history");
        }
        return connection;
    }

    /** The API-token form of {@code crm} (a new connection, or {@code reconnecting}), with the fields' problems. */
    private String form(ApiCaller caller, String crm, @Nullable Connection reconnecting, @Nullable String tenant,
                        String baseUrl, Map<String, String> problems, Model model) {
        ConnectOptions.Option option = options.of(crm);
        if (!option.token()) {
            throw new ApiProblem.NotFound(option.name() + " does not connect with an API token: use its Connect "
                    + "button");
        }
        model.addAttribute("caller", caller);
        model.addAttribute("option", option);
        model.addAttribute("reconnecting", reconnecting);
        model.addAttribute("tenant", tenant == null ? "" : tenant.strip());
        model.addAttribute("baseUrl", baseUrl);
        model.addAttribute("problems", problems);
        return "console/connect";
    }

    private static Map<String, String> problems(ApiProblem.Invalid refused) {
        return refused.errors().stream().collect(Collectors.toMap(ApiProblem.FieldError::field,
                ApiProblem.FieldError::problem, (a, b) -> a + "; " + b));
    }

    /** 303 to the CRM's consent page. */
    private static ResponseEntity<Void> toConsent(HostedAuthorization.Started started) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(started.authorizationUrl())
                .header("Cache-Control", "no-store").build();
    }
}
