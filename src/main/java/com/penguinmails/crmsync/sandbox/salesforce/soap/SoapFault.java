package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import org.jspecify.annotations.Nullable;

/**
 * A SOAP fault as the partner API sends it: HTTP 500, {@code faultcode sf:CODE}, {@code faultstring "CODE: message"}
 * and a detail element of the fault type ({@code UnexpectedErrorFault}, {@code MalformedQueryFault} ...) in
 * {@code urn:fault.partner.soap.sforce.com} carrying exceptionCode and exceptionMessage (plus row and column for
 * query faults). Client faults ({@code soapenv:Client}) have no detail.
 */
public final class SoapFault extends RuntimeException {

    private final @Nullable String faultType;
    private final String code;
    private final @Nullable Integer row;
    private final @Nullable Integer column;

    private SoapFault(@Nullable String faultType, String code, String message, @Nullable Integer row,
                      @Nullable Integer column) {
        super(message);
        this.faultType = faultType;
        this.code = code;
        this.row = row;
        this.column = column;
    }

    public static SoapFault unexpected(String code, String message) {
        return new SoapFault("UnexpectedErrorFault", code, message, null, null);
    }

    public static SoapFault of(String faultType, String code, String message) {
        return new SoapFault(faultType, code, message, null, null);
    }

    public static SoapFault query(String faultType, String code, String message, int row, int column) {
        return new SoapFault(faultType, code, message, row, column);
    }

    /** A malformed request: {@code soapenv:Client}, no detail. */
    public static SoapFault client(String message) {
        return new SoapFault(null, "Client", message, null, null);
    }

    public String code() {
        return code;
    }

    public SandboxResponse toResponse() {
        SoapXml xml = new SoapXml();
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .open("soapenv:Envelope", "xmlns:soapenv=\"" + SoapXml.ENVELOPE_NS + "\" xmlns:sf=\""
                        + SoapXml.FAULT_NS + "\" xmlns:xsi=\"" + SoapXml.XSI_NS + "\"")
                .open("soapenv:Body").open("soapenv:Fault");
        if (faultType == null) {
            xml.element("faultcode", "soapenv:Client").element("faultstring", getMessage());
        } else {
            xml.element("faultcode", "sf:" + code).element("faultstring", code + ": " + getMessage())
                    .open("detail").open("sf:" + faultType, "xsi:type=\"sf:" + faultType + "\"")
                    .element("sf:exceptionCode", code).element("sf:exceptionMessage", getMessage());
            if (row != null && column != null) {
                xml.element("sf:row", row).element("sf:column", column);
            }
            xml.close("sf:" + faultType).close("detail");
        }
        xml.close("soapenv:Fault").close("soapenv:Body").close("soapenv:Envelope");
        return SandboxResponse.text(500, "text/xml;charset=UTF-8", xml.toString());
    }
}
