package com.penguinmails.crmsync.serve.api.configure;

import com.penguinmails.crmsync.admin.ConfigurationRefusedException;
import com.penguinmails.crmsync.admin.ConnectionFieldMapEditor;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/v1/connections/{connectionId}/field-map}: the effective field map and its overrides. */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}/field-map")
@ConditionalOnServe
@Tag(name = "Configuration", description = "A connection's sync settings and field map")
class FieldMapController {

    /** The effective map: each CRM field with its PenguinMails field, direction, conflict policy and transforms. */
    record FieldMapView(long connectionId, String crm, List<ConnectionFieldMapEditor.Entry> fields) {
    }

    /** One override as sent; {@code direction} defaults to both, {@code conflictPolicy} to NEWEST_WINS. */
    record FieldOverrideBody(@Nullable String object, @Nullable String crmField, @Nullable String pmField,
                             @Nullable String direction, @Nullable String conflictPolicy,
                             @Nullable List<Object> transforms) {
    }

    /** The connection's overrides, all of them (an empty list: the CRM's default map applies). */
    record FieldMapBody(@Nullable List<FieldOverrideBody> fieldMap) {
    }

    private final ApiConnections connections;
    private final ConnectionFieldMapEditor editor;

    FieldMapController(ApiConnections connections, ConnectionFieldMapEditor editor) {
        this.connections = connections;
        this.editor = editor;
    }

    @GetMapping
    @Operation(summary = "Reads the effective field map: the CRM's defaults with the connection's overrides, each "
            + "field with its CRM field, PenguinMails field, direction, conflict policy, transforms and source")
    FieldMapView read(ApiCaller caller, @PathVariable long connectionId) {
        Connection connection = connections.visible(caller, connectionId);
        return new FieldMapView(connection.id(), connection.crm().id(), editor.effective(connection));
    }

    @PutMapping
    @Operation(summary = "Replaces the connection's overrides. Each is checked, then against the CRM's describe, "
            + "before anything is stored: problems are a 400 naming each field (fieldMap[i].crmField ...); a CRM "
            + "that cannot be reached is a 503. The change is audited as field-map.changed with the caller")
    FieldMapView replace(ApiCaller caller, @PathVariable long connectionId, @RequestBody FieldMapBody body) {
        Connection connection = connections.visible(caller, connectionId);
        if (body.fieldMap() == null) {
            throw new ApiProblem.Invalid("fieldMap", "required: the list of overrides ([] for none)");
        }
        List<ConnectionFieldMapEditor.Change> changes = new ArrayList<>();
        for (FieldOverrideBody o : body.fieldMap()) {
            changes.add(new ConnectionFieldMapEditor.Change(o.object(), o.crmField(), o.pmField(), o.direction(),
                    o.conflictPolicy(), o.transforms() == null ? List.of() : o.transforms()));
        }
        try {
            editor.replace(caller.actor(), connection, changes);
        } catch (ConfigurationRefusedException e) {
            throw ConfigurationProblems.invalid(e);
        }
        return new FieldMapView(connection.id(), connection.crm().id(), editor.effective(connection));
    }

    /** The CRM could not be reached to describe its objects: 503, nothing stored. */
    @ExceptionHandler(CrmUnavailableException.class)
    ResponseEntity<ProblemDetail> crmUnavailable(CrmUnavailableException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()
                + "; the field map is checked against the CRM before it is stored, so nothing was stored");
        body.setType(URI.create(ApiProblem.TYPE_BASE + "crm-unavailable"));
        body.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
