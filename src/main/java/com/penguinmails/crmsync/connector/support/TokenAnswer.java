package com.penguinmails.crmsync.connector.support;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a CRM's token response says beyond OAuth 2.0, read from its extra parameters: where API calls go (Salesforce
 * {@code instance_url}, Pipedrive {@code api_domain}) and which account the tokens open (Salesforce's identity URL,
 * HubSpot's {@code hub_id}). Each provider gives its own; {@link #PLAIN} reads nothing.
 */
public interface TokenAnswer {

    /** A token response that names neither. */
    TokenAnswer PLAIN = new TokenAnswer() {
    };

    /** The base URL API calls go to, if the response names one. */
    default @Nullable String instanceUrl(Map<String, Object> parameters) {
        return null;
    }

    /** The account the tokens open, if the response names it. */
    default @Nullable String account(Map<String, Object> parameters) {
        return null;
    }

    /** The text of parameter {@code name}, or null. */
    static @Nullable String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : value.toString();
    }
}
