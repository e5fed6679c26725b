package com.penguinmails.crmsync.serve.oauth;

import java.util.Map;

/**
 * The minimal OAuth scopes the suite asks each CRM for by default (the README's scope table says why each is needed).
 * Pipedrive takes no {@code scope} parameter: its app's scopes are chosen where the app is registered.
 */
final class OAuthScopes {

    private static final Map<String, String> DEFAULTS = Map.of(
            "salesforce", "api refresh_token",
            "hubspot", "oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read "
                    + "crm.objects.companies.write crm.objects.deals.read crm.objects.deals.write "
                    + "crm.schemas.contacts.write communication_preferences.read_write",
            "pipedrive", "");

    private OAuthScopes() {
    }

    /** The default scopes of {@code crm} (empty when it takes none in the URL). */
    static String defaults(String crm) {
        return DEFAULTS.getOrDefault(crm, "");
    }
}
