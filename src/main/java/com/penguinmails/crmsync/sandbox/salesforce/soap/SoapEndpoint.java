package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.auth.ApiGate;
import com.penguinmails.crmsync.sandbox.salesforce.model.ChangeOrigin;
import com.penguinmails.crmsync.sandbox.salesforce.model.Replication;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.soql.QueryCursors;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlCompiler;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /services/Soap/u/{version}}: checks the API version (up to 64.0), parses the envelope, admits the
 * {@code SessionHeader} session (INVALID_SESSION_ID otherwise) against the daily allocation (REQUEST_LIMIT_EXCEEDED),
 * runs the operation and answers with a {@code LimitInfoHeader}.
 */
public final class SoapEndpoint {

    /** The newest partner API version the sandbox serves. */
    public static final double MAX_VERSION = 64.0;
    private static final Pattern VERSION = Pattern.compile("(\\d{2})\\.0");

    private final ApiGate gate;
    private final QueryCursors cursors;
    private final Map<String, SoapOperation> operations = new LinkedHashMap<>();

    public SoapEndpoint(RecordStore store, Replication replication, SoqlCompiler compiler, QueryCursors cursors,
                        ApiGate gate, Clock clock, String baseUrl) {
        this.gate = gate;
        this.cursors = cursors;
        SObjectCodec codec = new SObjectCodec(store.schema());
        QueryOperations queries = new QueryOperations(store, compiler, cursors);
        WriteOperations writes = new WriteOperations(store, codec);
        ReplicationOperations replications = new ReplicationOperations(replication, codec, clock);
        DescribeOperation describe = new DescribeOperation(codec, baseUrl);
        operations.put("query", queries::query);
        operations.put("queryAll", queries::queryAll);
        operations.put("queryMore", queries::queryMore);
        operations.put("create", writes::create);
        operations.put("update", writes::update);
        operations.put("upsert", writes::upsert);
        operations.put("delete", writes::delete);
        operations.put("merge", writes::merge);
        operations.put("getUpdated", replications::getUpdated);
        operations.put("getDeleted", replications::getDeleted);
        operations.put("getServerTimestamp", replications::getServerTimestamp);
        operations.put("describeSObject", describe::describeSObject);
    }

    /** Forgets open query cursors (sandbox reset). */
    public void reset() {
        cursors.clear();
    }

    public SandboxResponse handle(SandboxRequest request) {
        try {
            checkVersion(request.pathParam("version"));
            SoapCall call = SoapCall.parse(request.body());
            SoapOperation operation = operations.get(call.operationName());
            if (operation == null) {
                throw SoapFault.client("No operation available for request {" + SoapXml.PARTNER_NS + "}"
                        + call.operationName() + ", please check the WSDL for the service.");
            }
            admit(call);
            SoapXml body = new SoapXml();
            new ChangeOrigin("soap", request.pathParam("version"), call.headerValue("CallOptions", "client")
                    .filter(client -> !client.isBlank()).orElse(null)).during(() -> {
                        operation.handle(call, body);
                        return null;
                    });
            return envelope(body);
        } catch (SoapFault fault) {
            return fault.toResponse();
        }
    }

    private void admit(SoapCall call) {
        String session = call.sessionId().orElse("");
        switch (gate.admit(session)) {
            case UNKNOWN_SESSION -> throw SoapFault.unexpected("INVALID_SESSION_ID",
                    "Invalid Session ID found in SessionHeader: Illegal Session");
            case EXPIRED_SESSION -> throw SoapFault.unexpected("INVALID_SESSION_ID", "Session expired or invalid");
            case LIMIT_EXCEEDED -> throw SoapFault.unexpected("REQUEST_LIMIT_EXCEEDED",
                    "TotalRequests Limit exceeded.");
            default -> { }
        }
    }

    private static void checkVersion(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 20 || Integer.parseInt(m.group(1)) > MAX_VERSION) {
            throw SoapFault.unexpected("UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL");
        }
    }

    private SandboxResponse envelope(SoapXml body) {
        SoapXml xml = new SoapXml();
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .open("soapenv:Envelope", "xmlns:soapenv=\"" + SoapXml.ENVELOPE_NS + "\" xmlns=\""
                        + SoapXml.PARTNER_NS + "\" xmlns:xsi=\"" + SoapXml.XSI_NS + "\" xmlns:sf=\""
                        + SoapXml.SOBJECT_NS + "\"")
                .open("soapenv:Header").open("LimitInfoHeader").open("limitInfo")
                .element("current", gate.allocation().used()).element("limit", gate.allocation().limit())
                .element("type", "API REQUESTS").close("limitInfo").close("LimitInfoHeader").close("soapenv:Header")
                .open("soapenv:Body").raw(body.toString()).close("soapenv:Body").close("soapenv:Envelope");
        return SandboxResponse.text(200, "text/xml;charset=UTF-8", xml.toString());
    }
}
