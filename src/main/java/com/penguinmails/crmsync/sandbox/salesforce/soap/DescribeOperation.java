package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.FieldType;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import java.util.Map;

/**
 * {@code describeSObject}: the object's properties and its fields (name, type, soapType, length, nillable,
 * createable, updateable, externalId, unique, referenceTo, picklistValues ...) with elements in the partner WSDL's
 * order.
 */
final class DescribeOperation {

    private static final Map<String, String> RELATIONSHIPS = Map.of("AccountId", "Account", "WhoId", "Who",
            "WhatId", "What", "OwnerId", "Owner", "CreatedById", "CreatedBy", "LastModifiedById", "LastModifiedBy",
            "MasterRecordId", "MasterRecord");

    private final SObjectCodec codec;
    private final String baseUrl;

    DescribeOperation(SObjectCodec codec, String baseUrl) {
        this.codec = codec;
        this.baseUrl = baseUrl;
    }

    void describeSObject(SoapCall call, SoapXml body) {
        ObjectDef object = codec.object(call.argument("sObjectType").orElse("").trim());
        boolean task = object.name().equals("Task");
        body.open("describeSObjectResponse").open("result")
                .element("activateable", false)
                .element("compactLayoutable", true)
                .element("createable", true)
                .element("custom", false)
                .element("customSetting", false)
                .element("deepCloneable", false)
                .element("deletable", true)
                .element("deprecatedAndHidden", false)
                .element("feedEnabled", !task);
        for (FieldDef field : object.fields()) {
            field(body, field);
        }
        body.element("hasSubtypes", false)
                .element("idEnabled", true)
                .element("isInterface", false)
                .element("isSubtype", false)
                .element("keyPrefix", object.keyPrefix())
                .element("label", object.label())
                .element("labelPlural", object.labelPlural())
                .element("layoutable", true)
                .element("mergeable", object.mergeable())
                .element("mruEnabled", true)
                .element("name", object.name())
                .element("queryable", true)
                .element("replicateable", true)
                .element("retrieveable", true)
                .element("searchable", true)
                .element("triggerable", true)
                .element("undeletable", true)
                .element("updateable", true)
                .element("urlDetail", baseUrl + "/{ID}")
                .element("urlEdit", baseUrl + "/{ID}/e")
                .element("urlNew", baseUrl + "/" + object.keyPrefix() + "/e")
                .close("result").close("describeSObjectResponse");
    }

    private static void field(SoapXml body, FieldDef field) {
        FieldType type = field.type();
        boolean filterable = !(type == FieldType.TEXTAREA && field.length() > 255);
        boolean text = type.isText() || type.isId();
        body.open("fields")
                .element("aggregatable", filterable && type != FieldType.BOOLEAN)
                .element("aiPredictionField", false)
                .element("autoNumber", false)
                .element("byteLength", text ? field.length() * 3 : 0)
                .element("calculated", field.name().equals("Name") && !field.createable())
                .element("cascadeDelete", false)
                .element("caseSensitive", false)
                .element("createable", field.createable())
                .element("custom", field.custom())
                .element("defaultedOnCreate", field.defaultedOnCreate())
                .element("dependentPicklist", false)
                .element("deprecatedAndHidden", false)
                .element("digits", 0)
                .element("externalId", field.externalId())
                .element("filterable", filterable)
                .element("groupable", filterable && type != FieldType.DOUBLE && type != FieldType.DATETIME)
                .element("highScaleNumber", false)
                .element("htmlFormatted", false)
                .element("idLookup", field.idLookup())
                .element("label", field.label())
                .element("length", text ? field.length() : 0)
                .element("name", field.name())
                .element("nameField", field.name().equals("Name"))
                .element("namePointing", field.referenceTo().size() > 1)
                .element("nillable", field.nillable())
                .element("permissionable", field.nillable() && !field.name().equals("Id"));
        for (String value : field.picklistValues()) {
            body.open("picklistValues").element("active", true)
                    .element("defaultValue", value.equals(field.defaultValue()))
                    .element("label", value).element("value", value).close("picklistValues");
        }
        body.element("polymorphicForeignKey", field.referenceTo().size() > 1)
                .element("precision", field.precision())
                .element("queryByDistance", false);
        field.referenceTo().forEach(target -> body.element("referenceTo", target));
        body.optional("relationshipName", RELATIONSHIPS.get(field.name()))
                .element("restrictedDelete", false)
                .element("restrictedPicklist", field.restricted())
                .element("scale", field.scale())
                .element("searchPrefilterable", false)
                .element("soapType", type.soapType())
                .element("sortable", filterable)
                .element("type", type.describeName())
                .element("unique", field.unique())
                .element("updateable", field.updateable())
                .element("writeRequiresMasterRead", false)
                .close("fields");
    }
}
