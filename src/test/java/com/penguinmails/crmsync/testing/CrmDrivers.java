package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every CRM at once: one sandbox per CRM, each connected to a tenant of its own ({@code <name>-sf}, {@code <name>-hs},
 * {@code <name>-pd}), for tests that assert the same scenario of each CRM.
 */
public final class CrmDrivers {

    private CrmDrivers() {
    }

    /** The tenant connected to the CRM's sandbox: {@code <name>-sf}, {@code <name>-hs}, {@code <name>-pd}. */
    public static String tenant(String name, CrmKind kind) {
        return name + "-" + abbreviation(kind);
    }

    private static String abbreviation(CrmKind kind) {
        return switch (kind) {
            case SALESFORCE -> "sf";
            case HUBSPOT -> "hs";
            case PIPEDRIVE -> "pd";
        };
    }

    /** Inserts the tenant of each CRM ({@link #tenant}), named {@code <Name> SF} ... */
    public static void insertTenants(JdbcClient jdbc, String name) {
        for (CrmKind kind : CrmKind.values()) {
            SandboxConnections.tenant(jdbc, tenant(name, kind), name.substring(0, 1).toUpperCase(Locale.ROOT)
                    + name.substring(1) + " " + abbreviation(kind).toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One sandbox per CRM with {@code seeded} people each, its tenant ({@link #tenant}, which must exist) connected
     * with {@code settings} and, per CRM, {@code extra} settings, as account {@code <name>-hub}, {@code <name>-pd}
     * (Salesforce: the sandbox's organization).
     */
    public static Map<CrmKind, CrmDriver> connectEach(ConnectionRegistry registry, String name,
                                                      Map<CrmKind, Integer> seeded, Map<String, String> settings,
                                                      Map<CrmKind, Map<String, String>> extra) {
        Map<CrmKind, CrmDriver> crms = new EnumMap<>(CrmKind.class);
        try {
            for (CrmKind kind : CrmKind.values()) {
                CrmDriver crm = CrmDriver.start(kind, seeded.get(kind));
                crms.put(kind, crm);
                Map<String, String> all = new java.util.HashMap<>(settings);
                all.putAll(extra.getOrDefault(kind, Map.of()));
                String account = switch (kind) {
                    case SALESFORCE -> crm.sandbox().tenantConnection().account();
                    case HUBSPOT -> name + "-hub";
                    case PIPEDRIVE -> name + "-pd";
                };
                crm.connect(registry, tenant(name, kind), account, all);
            }
        } catch (RuntimeException e) {
            closeAll(crms);
            throw e;
        }
        return crms;
    }

    /** As {@link #connectEach(ConnectionRegistry, String, Map, Map, Map)} with the same settings for each CRM. */
    public static Map<CrmKind, CrmDriver> connectEach(ConnectionRegistry registry, String name,
                                                      Map<CrmKind, Integer> seeded, Map<String, String> settings) {
        return connectEach(registry, name, seeded, settings, Map.of());
    }

    /** Stops every sandbox. */
    public static void closeAll(Map<CrmKind, CrmDriver> crms) {
        crms.values().forEach(CrmDriver::close);
    }
}
