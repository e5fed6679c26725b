package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.Connection;
import java.util.Optional;

/** The connection a connector is opened for, with its non-secret settings. */
public record ConnectionContext(Connection connection) {

    /** A name for messages and logs: {@code connection 7 (hubspot, tenant acme)}; no personal data. */
    public String name() {
        return "connection " + connection.id() + " (" + connection.crm().id() + ", tenant " + connection.tenantId()
                + ")";
    }

    /** The {@code baseUrl} setting: a sandbox, a private instance, a Salesforce login URL. */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(connection.settings().get("baseUrl"));
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(connection.settings().get(name));
    }
}
