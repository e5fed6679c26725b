package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Properties API ({@code /crm/v3/properties/{objectType}}): list, read by name, and create custom properties
 * with HubSpot's checks (lower-case internal name, known type, a field type that fits it, options for enumerations).
 */
final class PropertiesHandler {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Map<String, Set<String>> FIELD_TYPES = Map.of(
            "string", Set.of("text", "textarea", "phonenumber", "html", "file"),
            "number", Set.of("number", "calculation_equation"),
            "date", Set.of("date"),
            "datetime", Set.of("date"),
            "enumeration", Set.of("select", "radio", "checkbox", "booleancheckbox"),
            "bool", Set.of("booleancheckbox", "calculation_equation"));

    private final Portal portal;

    PropertiesHandler(Portal portal) {
        this.portal = portal;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        server.route("GET", "/crm/v3/properties/{objectType}", gate.standard(this::list));
        server.route("GET", "/crm/v3/properties/{objectType}/{propertyName}", gate.standard(this::read));
        server.route("POST", "/crm/v3/properties/{objectType}", gate.standard(this::create));
    }

    private SandboxResponse list(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        List<Map<String, Object>> results = portal.catalog().all(type).stream().map(PropertyDefinition::toJson)
                .toList();
        return SandboxResponse.json(200, Map.of("results", results));
    }

    private SandboxResponse read(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        String name = request.pathParam("propertyName");
        PropertyDefinition property = portal.catalog().find(type, name).orElseThrow(() -> ApiError.notFound(
                "Unable to find property " + name + " for object type " + type.typeId(),
                Map.of("propertyName", List.of(name))));
        return SandboxResponse.json(200, property.toJson());
    }

    private SandboxResponse create(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        Map<String, Object> body = JsonBody.object(request);
        String name = JsonBody.requiredString(body, "name");
        String label = JsonBody.requiredString(body, "label");
        String propertyType = JsonBody.requiredString(body, "type");
        String fieldType = JsonBody.requiredString(body, "fieldType");
        String group = JsonBody.requiredString(body, "groupName");
        if (!NAME.matcher(name).matches()) {
            throw ApiError.validation("Property name " + name + " is not valid: use lower-case letters, digits and "
                    + "underscores, starting with a letter", Map.of("name", List.of(name)));
        }
        if (!PropertyDefinition.TYPES.contains(propertyType)) {
            throw ApiError.validation("Invalid property type " + propertyType + ". Valid types are "
                    + PropertyDefinition.TYPES, Map.of("type", List.of(propertyType)));
        }
        if (!FIELD_TYPES.get(propertyType).contains(fieldType)) {
            throw ApiError.validation("Field type " + fieldType + " is not valid for a property of type "
                    + propertyType + ". Valid field types are " + FIELD_TYPES.get(propertyType),
                    Map.of("fieldType", List.of(fieldType)));
        }
        List<String> options = new ArrayList<>();
        for (Map<String, Object> option : JsonBody.objects(body, "options")) {
            JsonBody.requiredString(option, "label");
            options.add(JsonBody.requiredString(option, "value"));
        }
        if ("enumeration".equals(propertyType) && options.isEmpty()) {
            throw ApiError.validation("Enumeration property " + name + " needs at least one option",
                    Map.of("options", List.of()));
        }
        boolean unique = Boolean.TRUE.equals(body.get("hasUniqueValue"));
        PropertyDefinition definition = new PropertyDefinition(name, label, propertyType, fieldType, group, options,
                false, unique, true, portal.clock().now());
        portal.write(() -> {
            portal.catalog().create(type, definition);
            return null;
        });
        return SandboxResponse.json(201, definition.toJson());
    }
}
