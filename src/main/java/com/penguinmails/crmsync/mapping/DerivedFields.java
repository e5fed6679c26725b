package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.List;

/**
 * The read-only CRM fields a CRM computes from a field the suite writes, which an inbound map may read back: Pipedrive
 * derives a person's {@code first_name} and {@code last_name} from its {@code name}. After such a write the link takes
 * the CRM's next value of those fields as the echo of the write (it cannot be foreseen exactly), so a name PenguinMails
 * sent, or one cut to the field's length, never comes back as a CRM edit.
 */
public final class DerivedFields {

    private DerivedFields() {
    }

    /** The CRM fields {@code crm} derives from {@code crmField} of a {@code type} record (empty: none). */
    public static List<String> of(CrmKind crm, ObjectType type, String crmField) {
        if (crm == CrmKind.PIPEDRIVE && type == ObjectType.CONTACT && crmField.equals("name")) {
            return List.of("first_name", "last_name");
        }
        return List.of();
    }
}
