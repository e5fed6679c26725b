package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One CRM's sandbox driven by a test as a CRM user would, through the vendor's public API: start it, connect a
 * tenant to it, create, edit, delete and merge persons there, read a person or a field back, read the timeline. One
 * implementation per CRM ({@link SalesforceDriver}, {@link HubSpotDriver}, {@link PipedriveDriver}), so a test
 * parameterized by {@link CrmKind} asserts the same things of each.
 */
public abstract class CrmDriver implements AutoCloseable {

    private final CrmKind kind;
    private final CrmSandbox sandbox;
    private @Nullable String tenant;
    private @Nullable Long connection;

    CrmDriver(CrmSandbox sandbox) {
        this.kind = CrmKind.of(sandbox.crm());
        this.sandbox = sandbox;
    }

    /** Starts a sandbox of the CRM (the one registered for its id) with {@code options} and drives it. */
    public static CrmDriver start(CrmKind kind, SandboxOptions options) {
        return of(CrmSandboxes.factory(kind.id()).start(options));
    }

    /** Starts a sandbox of the CRM seeded with {@code seedContacts} people (default options otherwise). */
    public static CrmDriver start(CrmKind kind, int seedContacts) {
        return start(kind, SandboxOptions.defaults().withSeedContacts(seedContacts));
    }

    /** Drives a sandbox the test started itself (with vendor settings of its own). */
    public static CrmDriver of(CrmSandbox sandbox) {
        if (sandbox instanceof SalesforceSandbox salesforce) {
            return new SalesforceDriver(salesforce);
        }
        if (sandbox instanceof HubSpotSandbox hubspot) {
            return new HubSpotDriver(hubspot);
        }
        if (sandbox instanceof PipedriveSandbox pipedrive) {
            return new PipedriveDriver(pipedrive);
        }
        sandbox.close();
        throw new IllegalArgumentException("no test driver for the " + sandbox.crm() + " sandbox");
    }

    // ------------------------------------------------------------------------------------------- sandbox and tenant

    public final CrmKind kind() {
        return kind;
    }

    public CrmSandbox sandbox() {
        return sandbox;
    }

    public final SandboxHttpServer server() {
        return sandbox.server();
    }

    /** The sandbox's {@link CrmSandbox#info()}. */
    public final Map<String, Object> info() {
        return sandbox.info();
    }

    /**
     * Connects the tenant (which must exist) to this sandbox as account {@code account}, with the sandbox's settings
     * and credentials plus {@code settings}; the connection id, also kept as {@link #connection()}.
     */
    public final long connect(ConnectionRegistry registry, String tenant, String account,
                              Map<String, String> settings) {
        this.tenant = tenant;
        this.connection = SandboxConnections.connect(registry, tenant, account, sandbox, settings);
        return connection;
    }

    /** As {@link #connect(ConnectionRegistry, String, String, Map)} with no more settings. */
    public final long connect(ConnectionRegistry registry, String tenant, String account) {
        return connect(registry, tenant, account, Map.of());
    }

    /** As {@link #connect(ConnectionRegistry, String, String, Map)} as the account the sandbox says it is. */
    public final long connect(ConnectionRegistry registry, String tenant) {
        return connect(registry, tenant, sandbox.tenantConnection().account(), Map.of());
    }

    /** The tenant last connected. */
    public final String tenant() {
        return Objects.requireNonNull(tenant, "connect a tenant first");
    }

    /** The connection last made. */
    public final long connection() {
        return Objects.requireNonNull(connection, "connect a tenant first");
    }

    /** Before each run: lets the CRM's recent changes reach its change feed. */
    public void beforeRun() {
    }

    @Override
    public void close() {
        sandbox.close();
    }

    // ------------------------------------------------------------------------------------------------------ the API

    /**
     * One call of the CRM's REST API with the sandbox's credentials ({@code path} below the API root: Salesforce's
     * {@code /services/data/vNN.N}, HubSpot's and Pipedrive's host); fails the test on an error status; the JSON.
     */
    public abstract JsonNode call(String method, String path, @Nullable String body) throws Exception;

    // ------------------------------------------------------------------------------------------------------ persons

    /** Creates a person ({@code first} may be null; values are JSON string contents, escapes kept); its id. */
    public abstract String create(String email, @Nullable String first, String last) throws Exception;

    /** Sets one text field of a person (a name through the CRM's own way of writing names). */
    public abstract void update(String id, String field, String value) throws Exception;

    /** One text field of a person, as the CRM's API answers it. */
    public abstract @Nullable String field(String id, String field) throws Exception;

    /** Gives the person {@code email} as its (primary) address. */
    public void changeAddress(String id, String email) throws Exception {
        update(id, emailField(), email);
    }

    public void setPhone(String id, String phone) throws Exception {
        update(id, phoneField(), phone);
    }

    /** The person's (primary) phone. */
    public @Nullable String phone(String id) throws Exception {
        return field(id, phoneField());
    }

    public abstract void delete(String id) throws Exception;

    /** The CRM merges {@code loser} into {@code survivor}. */
    public abstract void merge(String survivor, String loser) throws Exception;

    /** Whether the person is opted out of e-mail, as the default map reads consent. */
    public abstract boolean optedOut(String id) throws Exception;

    public abstract void optOut(String id, boolean optedOut) throws Exception;

    /** The primary e-mail of every live person, as often as there are persons with it. */
    public abstract List<String> emails() throws Exception;

    // ------------------------------------------------------------------------------------------ fields of the map

    /** The CRM field of a person's (primary) e-mail address. */
    public abstract String emailField();

    /** The CRM field the default map syncs phones both ways with. */
    public abstract String phoneField();

    /** The transforms of {@link #phoneField()} in the default map. */
    public List<String> phoneTransforms() {
        return List.of("trim", "e164:US");
    }

    public abstract String firstNameField();

    public abstract String lastNameField();

    public abstract String titleField();

    /** A field the CRM does not have. */
    public abstract String deletedField();

    /** The object a person is in record keys ({@code contact}). */
    public String personObject() {
        return "contact";
    }

    // ------------------------------------------------------------------------------------------- what was written

    /** Calls of the write routes, per route and status; what must not change when nothing is written. */
    public Map<String, Object> writeFootprint() throws Exception {
        return new TreeMap<>(server().stats().snapshot().entrySet().stream()
                .filter(e -> isWrite(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Whether a route (as the sandbox's stats name it) writes. */
    public abstract boolean isWrite(String route);

    /** Requests applied whose answer was lost or late, on the routes that create persons and activities. */
    public abstract long appliedUnanswered();

    /** What the CRM's timelines hold of the suite's activities. */
    public abstract CrmTimelines timeline();

    static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }
}
