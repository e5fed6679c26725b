package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contact-only endpoints: {@code POST /crm/v3/objects/contacts/merge} (the primary keeps its values, fills blanks
 * from the merged contact, gains its email as an additional address, its id in {@code hs_merged_object_ids} and its
 * associations; the merged id becomes an alias of the primary and the merged record an archived one) and
 * {@code POST /crm/v3/objects/contacts/gdpr-delete} (gone for good, no archived trace).
 */
final class ContactsHandler {

    private static final Set<String> SYSTEM = Set.of("hs_object_id", "createdate", "lastmodifieddate",
            "hs_merged_object_ids", "hs_additional_emails", "email");

    private final Portal portal;
    private final ObjectJson json;

    ContactsHandler(Portal portal, ObjectJson json) {
        this.portal = portal;
        this.json = json;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        server.route("POST", "/crm/v3/objects/contacts/merge", gate.standard(this::merge));
        server.route("POST", "/crm/v3/objects/contacts/gdpr-delete", gate.standard(this::gdprDelete));
    }

    private SandboxResponse merge(SandboxRequest request) {
        Map<String, Object> body = JsonBody.object(request);
        String primaryId = JsonBody.requiredString(body, "primaryObjectId");
        String mergedId = JsonBody.requiredString(body, "objectIdToMerge");
        return portal.write(() -> {
            ObjectStore contacts = portal.store(ObjectType.CONTACTS);
            StoredObject primary = ObjectStore.parseId(primaryId).flatMap(contacts::live)
                    .orElseThrow(() -> ObjectsHandler.notFound(primaryId));
            StoredObject merged = ObjectStore.parseId(mergedId).flatMap(contacts::live)
                    .orElseThrow(() -> ObjectsHandler.notFound(mergedId));
            if (primary.id() == merged.id()) {
                throw ApiError.validation("Cannot merge contact " + primaryId + " into itself.");
            }
            Instant at = portal.clock().next();
            portal.save(merged.archivedAt(at, primary.id()));
            contacts.alias(merged.id(), primary.id());
            portal.associations().moveRecord(ObjectType.CONTACTS, merged.id(), primary.id());
            Map<String, String> moved = changes(primary, merged);
            StoredObject result = primary.withChanges(moved, portal.clock().next());
            portal.save(result);
            portal.refreshPrimaryCompany(result.id());
            portal.changes().merged(ObjectType.CONTACTS, primary.id(), merged.id(),
                    (int) moved.keySet().stream().filter(name -> !SYSTEM.contains(name)).count(), at);
            StoredObject survivor = contacts.live(result.id()).orElse(result);
            return SandboxResponse.json(200, json.render(survivor, List.of()));
        });
    }

    private static Map<String, String> changes(StoredObject primary, StoredObject merged) {
        Map<String, String> changes = new LinkedHashMap<>();
        merged.properties().forEach((name, value) -> {
            if (!SYSTEM.contains(name) && primary.property(name) == null) {
                changes.put(name, value);
            }
        });
        Set<String> ids = new LinkedHashSet<>(split(primary.property("hs_merged_object_ids")));
        ids.add(merged.idText());
        ids.addAll(split(merged.property("hs_merged_object_ids")));
        changes.put("hs_merged_object_ids", String.join(";", ids));
        Set<String> emails = new LinkedHashSet<>(split(primary.property("hs_additional_emails")));
        String mergedEmail = merged.property("email");
        if (mergedEmail != null && !mergedEmail.equals(primary.property("email"))) {
            emails.add(mergedEmail);
        }
        emails.addAll(split(merged.property("hs_additional_emails")));
        if (!emails.isEmpty()) {
            changes.put("hs_additional_emails", String.join(";", emails));
        }
        return changes;
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : List.of(value.split(";"));
    }

    private SandboxResponse gdprDelete(SandboxRequest request) {
        Map<String, Object> body = JsonBody.object(request);
        String objectId = JsonBody.requiredString(body, "objectId");
        String idProperty = JsonBody.optionalString(body, "idProperty");
        return portal.write(() -> {
            ObjectStore contacts = portal.store(ObjectType.CONTACTS);
            StoredObject contact = (idProperty == null || idProperty.isEmpty()
                    ? ObjectStore.parseId(objectId).flatMap(contacts::live)
                    : contacts.liveBy(idProperty, objectId))
                    .orElseThrow(() -> ObjectsHandler.notFound(objectId));
            portal.purge(ObjectType.CONTACTS, contact.id());
            return SandboxResponse.empty(204);
        });
    }
}
