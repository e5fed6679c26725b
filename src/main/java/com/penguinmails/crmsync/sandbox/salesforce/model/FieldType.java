package com.penguinmails.crmsync.sandbox.salesforce.model;

/** A Salesforce field type: its describe name ({@code Field.type}) and its partner WSDL {@code soapType}. */
public enum FieldType {
    ID("id", "tns:ID"),
    REFERENCE("reference", "tns:ID"),
    STRING("string", "xsd:string"),
    EMAIL("email", "xsd:string"),
    PHONE("phone", "xsd:string"),
    URL("url", "xsd:string"),
    TEXTAREA("textarea", "xsd:string"),
    COMBOBOX("combobox", "xsd:string"),
    PICKLIST("picklist", "xsd:string"),
    /** A multi-select picklist: its values travel as one text, separated by {@code ;}. */
    MULTIPICKLIST("multipicklist", "xsd:string"),
    BOOLEAN("boolean", "xsd:boolean"),
    DOUBLE("double", "xsd:double"),
    DATE("date", "xsd:date"),
    DATETIME("datetime", "xsd:dateTime");

    private final String describeName;
    private final String soapType;

    FieldType(String describeName, String soapType) {
        this.describeName = describeName;
        this.soapType = soapType;
    }

    public String describeName() {
        return describeName;
    }

    public String soapType() {
        return soapType;
    }

    /** Whether values are text (compared case-insensitively, LIKE-able, length-checked). */
    public boolean isText() {
        return switch (this) {
            case STRING, EMAIL, PHONE, URL, TEXTAREA, COMBOBOX, PICKLIST, MULTIPICKLIST -> true;
            default -> false;
        };
    }

    /** Whether values are record ids. */
    public boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
