package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HubSpot-defined association types between the sandbox's object types: each type id has a direction, a reverse
 * type id (an association is always stored both ways), a v3 name, and whether it is the pair's default (unlabeled)
 * type used by {@code batch/associate/default}.
 */
final class AssociationTypes {

    /** One HubSpot-defined association type. */
    record Type(ObjectType from, ObjectType to, int typeId, int reverseTypeId, String name, boolean isDefault,
                boolean primary) {
    }

    private static final List<Type> TYPES = new ArrayList<>();

    static {
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 279, 280, "contact_to_company_unlabeled",
                "company_to_contact_unlabeled", true, false);
        pair(ObjectType.CONTACTS, ObjectType.COMPANIES, 1, 2, "contact_to_company", "company_to_contact", false, true);
        pair(ObjectType.DEALS, ObjectType.CONTACTS, 3, 4, "deal_to_contact", "contact_to_deal", true, false);
        pair(ObjectType.DEALS, ObjectType.COMPANIES, 341, 342, "deal_to_company_unlabeled",
                "company_to_deal_unlabeled", true, false);
        pair(ObjectType.DEALS, ObjectType.COMPANIES, 5, 6, "deal_to_company", "company_to_deal", false, true);
        pair(ObjectType.EMAILS, ObjectType.CONTACTS, 198, 197, "email_to_contact", "contact_to_email", true, false);
        pair(ObjectType.EMAILS, ObjectType.COMPANIES, 186, 185, "email_to_company", "company_to_email", true, false);
        pair(ObjectType.EMAILS, ObjectType.DEALS, 210, 209, "email_to_deal", "deal_to_email", true, false);
        pair(ObjectType.NOTES, ObjectType.CONTACTS, 202, 201, "note_to_contact", "contact_to_note", true, false);
        pair(ObjectType.NOTES, ObjectType.COMPANIES, 190, 189, "note_to_company", "company_to_note", true, false);
        pair(ObjectType.NOTES, ObjectType.DEALS, 214, 213, "note_to_deal", "deal_to_note", true, false);
        pair(ObjectType.TASKS, ObjectType.CONTACTS, 204, 203, "task_to_contact", "contact_to_task", true, false);
        pair(ObjectType.TASKS, ObjectType.COMPANIES, 192, 191, "task_to_company", "company_to_task", true, false);
        pair(ObjectType.TASKS, ObjectType.DEALS, 216, 215, "task_to_deal", "deal_to_task", true, false);
    }

    private AssociationTypes() {
    }

    private static void pair(ObjectType a, ObjectType b, int aToB, int bToA, String aToBName, String bToAName,
                             boolean isDefault, boolean primary) {
        TYPES.add(new Type(a, b, aToB, bToA, aToBName, isDefault, primary));
        TYPES.add(new Type(b, a, bToA, aToB, bToAName, isDefault, primary));
    }

    static Optional<Type> find(ObjectType from, ObjectType to, int typeId) {
        return TYPES.stream().filter(t -> t.from() == from && t.to() == to && t.typeId() == typeId).findFirst();
    }

    static Optional<Type> defaultType(ObjectType from, ObjectType to) {
        return TYPES.stream().filter(t -> t.from() == from && t.to() == to && t.isDefault()).findFirst();
    }

    static Type require(ObjectType from, ObjectType to, int typeId) {
        return find(from, to, typeId).orElseThrow(() -> ApiError.validation(typeId
                + " is not a valid association type between " + from.path() + " and " + to.path() + ".",
                java.util.Map.of("associationTypeId", List.of(Integer.toString(typeId)))));
    }
}
