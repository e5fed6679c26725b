package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One driver per CRM, closed together (a test's {@code @AutoClose} field): typically one sandbox per CRM, each
 * connected to a tenant of its own ({@code <name>-sf}, {@code <name>-hs}, {@code <name>-pd}), for tests that assert
 * the same scenario of each CRM.
 */
public final class CrmDrivers implements AutoCloseable {

    /** Every CRM that has a sandbox and a driver, in the order the sandboxes start. */
    public static final List<CrmKind> EVERY_CRM = List.of(SalesforceConnectorProvider.KIND,
            HubSpotConnectorProvider.KIND, PipedriveConnectorProvider.KIND);

    /**
     * The source of a test parameterized by CRM, {@code @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)}: runs it once per
     * CRM of {@link #EVERY_CRM}, so a new CRM's driver is all its tests need.
     */
    public static final String EVERY_CRM_SOURCE = "com.penguinmails.crmsync.testing.CrmDrivers#everyCrm";

    private final Map<CrmKind, CrmDriver> drivers = new LinkedHashMap<>();

    /** {@link #EVERY_CRM}, as the arguments of {@link #EVERY_CRM_SOURCE}. */
    public static List<CrmKind> everyCrm() {
        return EVERY_CRM;
    }

    /** The tenant {@link #connectEach} connects to the CRM's sandbox: {@code <name>-sf}, {@code -hs}, {@code -pd}. */
    public static String tenant(String name, CrmKind kind) {
        return name + "-" + abbreviation(kind);
    }

    private static String abbreviation(CrmKind kind) {
        return kind == SalesforceConnectorProvider.KIND ? "sf" : kind == HubSpotConnectorProvider.KIND ? "hs"
                : kind == PipedriveConnectorProvider.KIND ? "pd" : kind.id();
    }

    /** Inserts the tenant of each CRM ({@link #tenant}), named {@code <Name> SF} ... */
    public static void insertTenants(JdbcClient jdbc, String name) {
        for (CrmKind kind : EVERY_CRM) {
            SandboxConnections.tenant(jdbc, tenant(name, kind), name.substring(0, 1).toUpperCase(Locale.ROOT)
                    + name.substring(1) + " " + abbreviation(kind).toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Starts one sandbox per CRM with {@code seeded} people each and connects its tenant ({@link #tenant}, which must
     * exist) with {@code settings} and, per CRM, {@code extra} settings, as account {@code <name>-hub},
     * {@code <name>-pd} (Salesforce: the sandbox's organization; another CRM: {@code <name>-<crm id>}).
     */
    public CrmDrivers connectEach(ConnectionRegistry registry, String name, Map<CrmKind, Integer> seeded,
                                  Map<String, String> settings, Map<CrmKind, Map<String, String>> extra) {
        for (CrmKind kind : EVERY_CRM) {
            CrmDriver crm = add(CrmDriver.start(kind, seeded.get(kind)));
            Map<String, String> all = new HashMap<>(settings);
            all.putAll(extra.getOrDefault(kind, Map.of()));
            String account = kind == SalesforceConnectorProvider.KIND ? crm.sandbox().tenantConnection().account()
                    : name + "-" + (kind == HubSpotConnectorProvider.KIND ? "hub" : abbreviation(kind));
            crm.connect(registry, tenant(name, kind), account, all);
        }
        return this;
    }

    /** As {@link #connectEach(ConnectionRegistry, String, Map, Map, Map)} with the same settings for each CRM. */
    public CrmDrivers connectEach(ConnectionRegistry registry, String name, Map<CrmKind, Integer> seeded,
                                  Map<String, String> settings) {
        return connectEach(registry, name, seeded, settings, Map.of());
    }

    /** Adds a driver (one per CRM; closed with the others); the driver. */
    public CrmDriver add(CrmDriver driver) {
        drivers.put(driver.kind(), driver);
        return driver;
    }

    /** The CRM's driver. */
    public CrmDriver get(CrmKind kind) {
        return Objects.requireNonNull(drivers.get(kind), () -> "no driver of " + kind.id());
    }

    /** Every driver, in the order they were added. */
    public Collection<CrmDriver> values() {
        return drivers.values();
    }

    /** Stops every sandbox. */
    @Override
    public void close() {
        drivers.values().forEach(CrmDriver::close);
    }
}
