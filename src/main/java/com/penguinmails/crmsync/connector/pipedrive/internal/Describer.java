package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes an object from the account's field catalogue: standard fields by API name, custom fields as
 * {@code custom:<Field Name>}, Pipedrive's field type words, option labels as picklist values, and the
 * external-id field marked.
 */
public final class Describer {

    private final AccountFields fields;
    private final PipedriveSettings settings;

    public Describer(AccountFields fields, PipedriveSettings settings) {
        this.fields = fields;
        this.settings = settings;
    }

    public ObjectDescription describe(ObjectType type) {
        Entity entity = Entity.of(type);
        String externalId = settings.externalIdField(entity);
        List<FieldDescription> described = new ArrayList<>();
        for (FieldDef field : fields.of(entity).fields()) {
            described.add(new FieldDescription(field.recordKey(), field.name(), field.type(),
                    field.type().equals("varchar") ? 255 : 0, field.required(), field.writable(), field.writable(),
                    field.custom() && field.name().equals(externalId), List.copyOf(field.options().values())));
        }
        return new ObjectDescription(type, entity.path(), described);
    }
}
