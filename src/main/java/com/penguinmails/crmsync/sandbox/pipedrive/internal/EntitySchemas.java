package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import static com.penguinmails.crmsync.sandbox.pipedrive.internal.FieldSpec.Kind;

import java.util.List;
import java.util.Set;

/**
 * The API v2 schemas of persons, organizations, deals and activities, as the official client's OpenAPI models
 * describe them ({@code AddPersonRequest}, {@code OrganizationItem}, {@code DealItem}, {@code ActivityItem}).
 */
public final class EntitySchemas {

    /** {@code visible_to}: 1 owner only, 3 owner's visibility group, 5 and sub-groups, 7 entire company. */
    static final List<String> VISIBILITY = List.of("1", "3", "5", "7");
    /** Activity types every new Pipedrive account has. */
    public static final List<String> ACTIVITY_TYPES = List.of("call", "meeting", "task", "deadline", "email", "lunch");
    static final List<String> MARKETING_STATUS = List.of("no_consent", "unsubscribed", "subscribed", "archived");

    private EntitySchemas() {
    }

    public static EntitySchema of(EntityType type) {
        return switch (type) {
            case PERSON -> PERSON;
            case ORGANIZATION -> ORGANIZATION;
            case DEAL -> DEAL;
            case ACTIVITY -> ACTIVITY;
        };
    }

    private static final EntitySchema PERSON = new EntitySchema(EntityType.PERSON, List.of(
            FieldSpec.string("name", 255, "varchar").notNull(),
            FieldSpec.readOnly("first_name", "varchar"),
            FieldSpec.readOnly("last_name", "varchar"),
            FieldSpec.of("owner_id", Kind.USER, "user"),
            FieldSpec.ref("org_id", EntityType.ORGANIZATION, "org"),
            FieldSpec.of("emails", Kind.EMAILS, "varchar"),
            FieldSpec.of("phones", Kind.PHONES, "phone"),
            FieldSpec.oneOf("visible_to", Kind.INT_ENUM, VISIBILITY, "visible_to"),
            FieldSpec.of("label_ids", Kind.INT_LIST, "set"),
            FieldSpec.readOnly("picture_id", "picture"),
            FieldSpec.oneOf("marketing_status", Kind.ENUM, MARKETING_STATUS, "enum")),
            Set.of("name"), true);

    private static final EntitySchema ORGANIZATION = new EntitySchema(EntityType.ORGANIZATION, List.of(
            FieldSpec.string("name", 255, "varchar").notNull(),
            FieldSpec.of("owner_id", Kind.USER, "user"),
            FieldSpec.oneOf("visible_to", Kind.INT_ENUM, VISIBILITY, "visible_to"),
            FieldSpec.of("address", Kind.OBJECT, "address"),
            FieldSpec.of("label_ids", Kind.INT_LIST, "set")),
            Set.of("name"), true);

    private static final EntitySchema DEAL = new EntitySchema(EntityType.DEAL, List.of(
            FieldSpec.string("title", 255, "varchar").notNull(),
            FieldSpec.of("owner_id", Kind.USER, "user"),
            FieldSpec.ref("person_id", EntityType.PERSON, "people"),
            FieldSpec.ref("org_id", EntityType.ORGANIZATION, "org"),
            FieldSpec.oneOf("pipeline_id", Kind.INT_ENUM, List.of("1"), "int"),
            FieldSpec.oneOf("stage_id", Kind.INT_ENUM, List.of("1", "2", "3", "4", "5"), "stage"),
            FieldSpec.of("value", Kind.NUMBER, "monetary"),
            FieldSpec.string("currency", 3, "varchar"),
            FieldSpec.readOnly("stage_change_time", "date"),
            FieldSpec.oneOf("status", Kind.ENUM, List.of("open", "won", "lost"), "status"),
            FieldSpec.of("probability", Kind.NUMBER, "double"),
            FieldSpec.string("lost_reason", 255, "varchar"),
            FieldSpec.oneOf("visible_to", Kind.INT_ENUM, VISIBILITY, "visible_to"),
            FieldSpec.readOnly("close_time", "date"),
            FieldSpec.readOnly("won_time", "date"),
            FieldSpec.readOnly("lost_time", "date"),
            FieldSpec.of("expected_close_date", Kind.DATE, "date"),
            FieldSpec.of("label_ids", Kind.INT_LIST, "set"),
            FieldSpec.readOnly("origin", "varchar"),
            FieldSpec.readOnly("origin_id", "varchar"),
            FieldSpec.readOnly("channel", "enum"),
            FieldSpec.readOnly("channel_id", "varchar")),
            Set.of("title"), true);

    private static final EntitySchema ACTIVITY = new EntitySchema(EntityType.ACTIVITY, List.of(
            FieldSpec.string("subject", 255, "varchar"),
            FieldSpec.oneOf("type", Kind.ENUM, ACTIVITY_TYPES, "varchar"),
            FieldSpec.of("owner_id", Kind.USER, "user"),
            FieldSpec.readOnly("creator_user_id", "user"),
            FieldSpec.ref("deal_id", EntityType.DEAL, "deal"),
            FieldSpec.ref("person_id", EntityType.PERSON, "people"),
            FieldSpec.ref("org_id", EntityType.ORGANIZATION, "org"),
            FieldSpec.of("due_date", Kind.DATE, "date"),
            FieldSpec.of("due_time", Kind.TIME, "time"),
            FieldSpec.of("duration", Kind.TIME, "time"),
            FieldSpec.of("busy", Kind.BOOLEAN, "boolean"),
            FieldSpec.of("done", Kind.BOOLEAN, "boolean"),
            FieldSpec.readOnly("marked_as_done_time", "date"),
            FieldSpec.of("participants", Kind.PARTICIPANTS, "people"),
            FieldSpec.string("public_description", 65_535, "text"),
            FieldSpec.oneOf("priority", Kind.INT_ENUM, List.of("1", "2", "3"), "enum"),
            FieldSpec.string("note", 100_000, "text")),
            Set.of(), false);
}
