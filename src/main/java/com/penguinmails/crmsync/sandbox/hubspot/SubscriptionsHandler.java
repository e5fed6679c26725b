package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Communication preferences v3: subscription definitions, an address's status per subscription, subscribe and
 * unsubscribe with a legal basis. A change is mirrored on the contact holding the address
 * ({@code hs_email_optout_<subscriptionId>}, with a new modification date) so delta readers see it.
 */
final class SubscriptionsHandler {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Portal portal;

    SubscriptionsHandler(Portal portal) {
        this.portal = portal;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        String base = "/communication-preferences/v3/";
        server.route("GET", base + "definitions", gate.standard(this::definitions));
        server.route("GET", base + "status/email/{emailAddress}", gate.standard(this::status));
        server.route("POST", base + "subscribe", gate.standard(r -> change(r, true)));
        server.route("POST", base + "unsubscribe", gate.standard(r -> change(r, false)));
    }

    private SandboxResponse definitions(SandboxRequest request) {
        return portal.read(() -> SandboxResponse.json(200, Map.of("subscriptionDefinitions",
                portal.subscriptions().definitions().stream().map(SubscriptionStore.Definition::toJson).toList())));
    }

    private SandboxResponse status(SandboxRequest request) {
        String email = request.pathParam("emailAddress");
        return portal.read(() -> {
            List<Map<String, Object>> statuses = portal.subscriptions().definitions().stream()
                    .map(d -> statusJson(d, portal.subscriptions().status(email, d.id()).orElse(null))).toList();
            return SandboxResponse.json(200, Map.of("recipient", email, "subscriptionStatuses", statuses));
        });
    }

    private SandboxResponse change(SandboxRequest request, boolean subscribe) {
        Map<String, Object> body = JsonBody.object(request);
        String email = JsonBody.requiredString(body, "emailAddress");
        String subscriptionId = JsonBody.requiredString(body, "subscriptionId");
        String legalBasis = JsonBody.optionalString(body, "legalBasis");
        String explanation = JsonBody.optionalString(body, "legalBasisExplanation");
        if (!EMAIL.matcher(email).matches()) {
            throw ApiError.validation("Invalid email address: " + email, Map.of("emailAddress", List.of(email)));
        }
        if (legalBasis != null && !SubscriptionStore.LEGAL_BASES.contains(legalBasis)) {
            throw ApiError.validation("Invalid legal basis " + legalBasis + ". Valid values are "
                    + SubscriptionStore.LEGAL_BASES, Map.of("legalBasis", List.of(legalBasis)));
        }
        return portal.write(() -> {
            SubscriptionStore.Definition definition = portal.subscriptions().definition(subscriptionId)
                    .orElseThrow(() -> ApiError.notFound("Subscription " + subscriptionId + " does not exist.",
                            Map.of("subscriptionId", List.of(subscriptionId))));
            var current = portal.subscriptions().status(email, subscriptionId).map(SubscriptionStore.Status::subscribed);
            if (current.isPresent() && current.get() == subscribe) {
                throw ApiError.validation(email + " is already " + (subscribe ? "subscribed to" : "unsubscribed from")
                        + " subscription " + subscriptionId);
            }
            SubscriptionStore.Status status = new SubscriptionStore.Status(subscribe,
                    legalBasis == null ? "" : legalBasis, explanation == null ? "" : explanation);
            portal.subscriptions().set(email, subscriptionId, status);
            mirrorOnContact(email, subscriptionId, subscribe);
            return SandboxResponse.json(200, statusJson(definition, status));
        });
    }

    private void mirrorOnContact(String email, String subscriptionId, boolean subscribe) {
        Long contactId = portal.store(ObjectType.CONTACTS).contactWithEmail(email);
        if (contactId == null) {
            return;
        }
        portal.store(ObjectType.CONTACTS).live(contactId).ifPresent(contact -> portal.save(contact.withChanges(
                Map.of(PropertyCatalog.SUBSCRIPTION_OPT_OUT_PREFIX + subscriptionId, Boolean.toString(!subscribe)),
                portal.clock().next())));
    }

    private static Map<String, Object> statusJson(SubscriptionStore.Definition definition,
                                                  SubscriptionStore.@Nullable Status status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", definition.id());
        json.put("name", definition.name());
        json.put("description", definition.description());
        json.put("status", status != null && status.subscribed() ? "SUBSCRIBED" : "NOT_SUBSCRIBED");
        json.put("sourceOfStatus", "SUBSCRIPTION_STATUS");
        if (status != null && !status.legalBasis().isEmpty()) {
            json.put("legalBasis", status.legalBasis());
            json.put("legalBasisExplanation", status.legalBasisExplanation());
        }
        return json;
    }
}
