package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The properties each object type has: HubSpot's standard ones the sync uses (read-only system properties
 * included) plus custom properties, seeded with {@code penguinmails_lead_score} and {@code penguinmails_tags} on
 * contacts and extended through the Properties API.
 */
final class PropertyCatalog {

    static final String SUBSCRIPTION_OPT_OUT_PREFIX = "hs_email_optout_";
    /** The options of the seeded {@code penguinmails_tags} property; the Properties API can add more. */
    static final List<String> TAG_OPTIONS = List.of("vip", "partner", "customer", "prospect", "churned", "beta",
            "newsletter", "event");

    private final Map<ObjectType, Map<String, PropertyDefinition>> byType = new EnumMap<>(ObjectType.class);

    synchronized void reset(Instant now, List<String> subscriptionIds) {
        byType.clear();
        for (ObjectType type : ObjectType.values()) {
            byType.put(type, new LinkedHashMap<>());
        }
        seedSystem(now);
        Builder contacts = new Builder(ObjectType.CONTACTS, "contactinformation", now);
        contacts.string("email", "Email").string("firstname", "First Name").string("lastname", "Last Name")
                .string("phone", "Phone Number").string("mobilephone", "Mobile Phone Number")
                .string("jobtitle", "Job Title").string("company", "Company Name").string("website", "Website URL")
                .string("city", "City").string("country", "Country/Region")
                .enumeration("lifecyclestage", "Lifecycle Stage", "radio", "subscriber", "lead",
                        "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist",
                        "other")
                .enumeration("hs_lead_status", "Lead Status", "radio", "NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL",
                        "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING")
                .readOnly("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox")
                .readOnly("hs_email_bounce", "Marketing emails bounced", "number", "number")
                .readOnly("hs_email_hard_bounce_reason", "Email hard bounce reason", "string", "text")
                .readOnly("hs_email_quarantined", "Email Address Quarantined", "bool", "booleancheckbox")
                .readOnly("hs_additional_emails", "Additional email addresses", "enumeration", "checkbox")
                .readOnly("hs_merged_object_ids", "Merged Contact IDs", "enumeration", "checkbox")
                .readOnly(Portal.PRIMARY_COMPANY, "Primary Associated Company ID", "number", "number");
        for (String id : subscriptionIds) {
            contacts.readOnly(SUBSCRIPTION_OPT_OUT_PREFIX + id, "Opted out of email: subscription " + id, "bool",
                    "booleancheckbox");
        }
        contacts.custom("penguinmails_lead_score", "PenguinMails lead score", "number", "number");
        // the tags property an account sets up for PenguinMails: multiple checkboxes, one option per tag
        contacts.add(new PropertyDefinition("penguinmails_tags", "PenguinMails tags", "enumeration", "checkbox",
                "contactinformation", TAG_OPTIONS, false, false, true, now));
        new Builder(ObjectType.COMPANIES, "companyinformation", now)
                .string("name", "Company name").string("domain", "Company Domain Name").string("phone", "Phone Number")
                .string("city", "City").string("country", "Country/Region").string("website", "Website URL")
                .typed("numberofemployees", "Number of Employees", "number", "number")
                .readOnly("hs_merged_object_ids", "Merged Company IDs", "enumeration", "checkbox");
        new Builder(ObjectType.DEALS, "dealinformation", now)
                .string("dealname", "Deal Name").typed("amount", "Amount", "number", "number")
                .enumeration("dealstage", "Deal Stage", "radio", "appointmentscheduled", "qualifiedtobuy",
                        "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost")
                .enumeration("pipeline", "Pipeline", "select", "default")
                .typed("closedate", "Close Date", "datetime", "date");
        new Builder(ObjectType.EMAILS, "email", now)
                .typed("hs_timestamp", "Activity date", "datetime", "date")
                .enumeration("hs_email_direction", "Email direction", "select", "EMAIL", "INCOMING_EMAIL",
                        "FORWARDED_EMAIL")
                .enumeration("hs_email_status", "Email send status", "select", "BOUNCED", "FAILED", "SCHEDULED",
                        "SENDING", "SENT")
                .string("hs_email_subject", "Email subject").string("hs_email_text", "Email body")
                .typed("hs_email_html", "Email HTML body", "string", "html")
                .string("hs_email_headers", "Email headers");
        new Builder(ObjectType.NOTES, "note", now)
                .typed("hs_timestamp", "Activity date", "datetime", "date")
                .typed("hs_note_body", "Note body", "string", "html");
        new Builder(ObjectType.TASKS, "task", now)
                .typed("hs_timestamp", "Due date", "datetime", "date")
                .string("hs_task_subject", "Task Title").typed("hs_task_body", "Notes", "string", "html")
                .enumeration("hs_task_status", "Task Status", "select", "NOT_STARTED", "IN_PROGRESS", "WAITING",
                        "COMPLETED", "DEFERRED")
                .enumeration("hs_task_priority", "Priority", "select", "LOW", "MEDIUM", "HIGH", "NONE")
                .enumeration("hs_task_type", "Task Type", "select", "EMAIL", "CALL", "TODO", "LINKED_IN");
    }

    private void seedSystem(Instant now) {
        for (ObjectType type : ObjectType.values()) {
            Builder system = new Builder(type, type.isEngagement() ? type.path().replaceAll("s$", "")
                    : type.path().replaceAll("ies$", "y").replaceAll("s$", "") + "information", now);
            system.readOnly("hs_object_id", "Record ID", "number", "number");
            system.readOnly(type.createdProperty(), "Create Date", "datetime", "date");
            system.readOnly(type.lastModifiedProperty(), "Last Modified Date", "datetime", "date");
        }
    }

    synchronized Optional<PropertyDefinition> find(ObjectType type, String name) {
        return Optional.ofNullable(byType.get(type).get(name));
    }

    synchronized List<PropertyDefinition> all(ObjectType type) {
        return new ArrayList<>(byType.get(type).values());
    }

    /** Adds a custom property; HubSpot answers 409 when the name is taken. */
    synchronized void create(ObjectType type, PropertyDefinition definition) {
        Map<String, PropertyDefinition> properties = byType.get(type);
        if (properties.containsKey(definition.name())) {
            throw new ApiError(409, "OBJECT_ALREADY_EXISTS", "Property named '" + definition.name()
                    + "' already exists.", null, Map.of("name", List.of(definition.name())), List.of());
        }
        properties.put(definition.name(), definition);
    }

    /** Adds standard and seeded properties of one object type. */
    private final class Builder {
        private final ObjectType type;
        private final String group;
        private final Instant now;

        Builder(ObjectType type, String group, Instant now) {
            this.type = type;
            this.group = group;
            this.now = now;
        }

        Builder string(String name, String label) {
            return typed(name, label, "string", "text");
        }

        Builder typed(String name, String label, String type, String fieldType) {
            return add(new PropertyDefinition(name, label, type, fieldType, group, List.of(), false, false, false,
                    now));
        }

        Builder readOnly(String name, String label, String type, String fieldType) {
            return add(new PropertyDefinition(name, label, type, fieldType, group, List.of(), true, false, false,
                    now));
        }

        Builder enumeration(String name, String label, String fieldType, String... options) {
            return add(new PropertyDefinition(name, label, "enumeration", fieldType, group, List.of(options), false,
                    false, false, now));
        }

        Builder custom(String name, String label, String type, String fieldType) {
            return add(new PropertyDefinition(name, label, type, fieldType, group, List.of(), false, false, true,
                    now));
        }

        private Builder add(PropertyDefinition definition) {
            byType.get(type).put(definition.name(), definition);
            return this;
        }
    }
}
