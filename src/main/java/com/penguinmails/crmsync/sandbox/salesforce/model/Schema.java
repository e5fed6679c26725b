package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox org's objects: Contact (003), Lead (00Q), Account (001) and Task (00T) with the standard fields a sync
 * uses and the PenguinMails custom fields, as {@code describeSObject} describes them (lengths as in the Salesforce
 * object reference). User (005) exists only as the target of owner and audit references.
 */
public final class Schema {

    public static final String USER_PREFIX = "005";

    private static final List<String> TASK_STATUS = List.of("Not Started", "In Progress", "Completed",
            "Waiting on someone else", "Deferred");
    private static final List<String> TASK_PRIORITY = List.of("High", "Normal", "Low");
    private static final List<String> TASK_SUBTYPE = List.of("Task", "Email", "List Email", "Cadence", "Call");
    private static final List<String> LEAD_STATUS = List.of("Open - Not Contacted", "Working - Contacted",
            "Closed - Converted", "Closed - Not Converted");
    private static final List<String> INDUSTRY = List.of("Agriculture", "Banking", "Consulting", "Education",
            "Healthcare", "Manufacturing", "Media", "Retail", "Technology", "Other");

    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();

    public Schema() {
        add(new ObjectDef("Account", "Account", "Accounts", "001", true, account()));
        add(new ObjectDef("Contact", "Contact", "Contacts", "003", true, contact()));
        add(new ObjectDef("Lead", "Lead", "Leads", "00Q", true, lead()));
        add(new ObjectDef("Task", "Task", "Tasks", "00T", false, task()));
    }

    private void add(ObjectDef def) {
        objects.put(def.name().toLowerCase(Locale.ROOT), def);
    }

    /** The object called {@code name}, ignoring case. */
    public Optional<ObjectDef> object(String name) {
        return Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
    }

    public Collection<ObjectDef> objects() {
        return objects.values();
    }

    /** The object whose ids start with {@code prefix}. */
    public Optional<ObjectDef> byKeyPrefix(String prefix) {
        return objects.values().stream().filter(o -> o.keyPrefix().equals(prefix)).findFirst();
    }

    private static List<FieldDef> account() {
        List<FieldDef> f = new ArrayList<>(head("Account", true));
        f.add(text("Name", "Account Name", FieldType.STRING, 255, false));
        f.add(text("Website", "Website", FieldType.URL, 255, true));
        f.add(text("Phone", "Account Phone", FieldType.PHONE, 40, true));
        f.add(picklist("Industry", "Industry", INDUSTRY, false, null, true));
        f.addAll(tail());
        return f;
    }

    private static List<FieldDef> contact() {
        List<FieldDef> f = new ArrayList<>(head("Contact", true));
        f.add(reference("AccountId", "Account ID", List.of("Account"), true, true));
        f.add(text("LastName", "Last Name", FieldType.STRING, 80, false));
        f.add(text("FirstName", "First Name", FieldType.STRING, 40, true));
        f.add(computed("Name", "Full Name", FieldType.STRING, 121));
        f.add(text("Phone", "Business Phone", FieldType.PHONE, 40, true));
        f.add(text("Email", "Email", FieldType.EMAIL, 80, true));
        f.add(text("Title", "Title", FieldType.STRING, 128, true));
        f.addAll(consent());
        f.addAll(tail());
        f.addAll(penguinMails(true));
        return f;
    }

    private static List<FieldDef> lead() {
        List<FieldDef> f = new ArrayList<>(head("Lead", true));
        f.add(text("LastName", "Last Name", FieldType.STRING, 80, false));
        f.add(text("FirstName", "First Name", FieldType.STRING, 40, true));
        f.add(computed("Name", "Full Name", FieldType.STRING, 121));
        f.add(text("Title", "Title", FieldType.STRING, 128, true));
        f.add(text("Company", "Company", FieldType.STRING, 255, false));
        f.add(text("Phone", "Phone", FieldType.PHONE, 40, true));
        f.add(text("Email", "Email", FieldType.EMAIL, 80, true));
        f.add(picklist("Status", "Status", LEAD_STATUS, false, "Open - Not Contacted", false));
        f.addAll(consent());
        f.addAll(tail());
        f.addAll(penguinMails(true));
        return f;
    }

    private static List<FieldDef> task() {
        List<FieldDef> f = new ArrayList<>(head("Task", false));
        f.add(reference("WhoId", "Name ID", List.of("Contact", "Lead"), true, true));
        f.add(reference("WhatId", "Related To ID", List.of("Account"), true, true));
        f.add(text("Subject", "Subject", FieldType.COMBOBOX, 255, true));
        f.add(field("ActivityDate", "Due Date Only", FieldType.DATE, 0, true, true, true, false, null));
        f.add(picklist("Status", "Status", TASK_STATUS, false, "Not Started", false));
        f.add(picklist("Priority", "Priority", TASK_PRIORITY, false, "Normal", false));
        f.add(field("IsClosed", "Closed", FieldType.BOOLEAN, 0, false, false, false, true, Boolean.FALSE));
        f.add(text("Description", "Description", FieldType.TEXTAREA, 32000, true));
        f.add(new FieldDef("TaskSubtype", "Task Subtype", FieldType.PICKLIST, 40, true, true, false, true, "Task",
                false, false, false, List.of(), TASK_SUBTYPE, true, 0, 0));
        f.addAll(tail());
        f.addAll(penguinMails(false));
        return f;
    }

    private static List<FieldDef> head(String object, boolean mergeable) {
        List<FieldDef> f = new ArrayList<>();
        f.add(field("Id", object + " ID", FieldType.ID, 18, false, false, false, true, null));
        f.add(field("IsDeleted", "Deleted", FieldType.BOOLEAN, 0, false, false, false, true, Boolean.FALSE));
        if (mergeable) {
            f.add(reference("MasterRecordId", "Master Record ID", List.of(object), false, false));
        }
        return f;
    }

    private static List<FieldDef> consent() {
        return List.of(
                field("HasOptedOutOfEmail", "Email Opt Out", FieldType.BOOLEAN, 0, false, true, true, true,
                        Boolean.FALSE),
                text("EmailBouncedReason", "Email Bounced Reason", FieldType.STRING, 255, true),
                field("EmailBouncedDate", "Email Bounced Date", FieldType.DATETIME, 0, true, true, true, false, null),
                field("IsEmailBounced", "Is Email Bounced", FieldType.BOOLEAN, 0, false, false, false, true,
                        Boolean.FALSE));
    }

    private static List<FieldDef> tail() {
        return List.of(
                new FieldDef("OwnerId", "Owner ID", FieldType.REFERENCE, 18, false, true, true, true, null, false,
                        false, false, List.of("User"), List.of(), false, 0, 0),
                field("CreatedDate", "Created Date", FieldType.DATETIME, 0, false, false, false, true, null),
                audit("CreatedById", "Created By ID"),
                field("LastModifiedDate", "Last Modified Date", FieldType.DATETIME, 0, false, false, false, true, null),
                audit("LastModifiedById", "Last Modified By ID"),
                field("SystemModstamp", "System Modstamp", FieldType.DATETIME, 0, false, false, false, true, null));
    }

    private static List<FieldDef> penguinMails(boolean withScore) {
        List<FieldDef> f = new ArrayList<>();
        f.add(new FieldDef("PenguinMails_Id__c", "PenguinMails Id", FieldType.STRING, 64, true, true, true, false,
                null, true, true, true, List.of(), List.of(), false, 0, 0));
        if (withScore) {
            f.add(new FieldDef("PenguinMails_Lead_Score__c", "PenguinMails Lead Score", FieldType.DOUBLE, 0, true,
                    true, true, false, null, false, false, true, List.of(), List.of(), false, 18, 0));
            // an unrestricted multi-select picklist (values separated by ';'), as an org tags people with
            f.add(new FieldDef("PenguinMails_Tags__c", "PenguinMails Tags", FieldType.MULTIPICKLIST, 4099, true,
                    true, true, false, null, false, false, true, List.of(), List.of(), false, 0, 0));
        }
        return f;
    }

    private static FieldDef audit(String name, String label) {
        return new FieldDef(name, label, FieldType.REFERENCE, 18, false, false, false, true, null, false, false,
                false, List.of("User"), List.of(), false, 0, 0);
    }

    private static FieldDef text(String name, String label, FieldType type, int length, boolean nillable) {
        return field(name, label, type, length, nillable, true, true, false, null);
    }

    private static FieldDef computed(String name, String label, FieldType type, int length) {
        return field(name, label, type, length, false, false, false, false, null);
    }

    private static FieldDef reference(String name, String label, List<String> to, boolean createable,
                                      boolean updateable) {
        return new FieldDef(name, label, FieldType.REFERENCE, 18, true, createable, updateable, false, null, false,
                false, false, to, List.of(), false, 0, 0);
    }

    private static FieldDef picklist(String name, String label, List<String> values, boolean nillable,
                                     @Nullable String defaultValue, boolean restricted) {
        return new FieldDef(name, label, FieldType.PICKLIST, 255, nillable || defaultValue == null, true, true,
                defaultValue != null, defaultValue, false, false, false, List.of(), values, restricted, 0, 0);
    }

    private static FieldDef field(String name, String label, FieldType type, int length, boolean nillable,
                                  boolean createable, boolean updateable, boolean defaulted,
                                  @Nullable Object defaultValue) {
        return new FieldDef(name, label, type, length, nillable, createable, updateable, defaulted, defaultValue,
                false, false, false, List.of(), List.of(), false, 0, 0);
    }
}
