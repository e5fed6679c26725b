package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.store.ListMembershipStore;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which PenguinMails contacts without a CRM record an outbound push creates in the CRM: none, unless the connection's
 * {@value #CREATE} setting is true; then all of them, or, when {@value #FROM_LISTS} names PenguinMails list ids, only
 * the members of those lists. Contacts already linked to a CRM record are updated whatever this says.
 */
public record CreationRule(boolean enabled, List<Long> listIds) {

    /** The setting that turns creation on. */
    public static final String CREATE = "createContactsInCrm";
    /** The setting that limits creation to members of these PenguinMails lists (comma-separated ids). */
    public static final String FROM_LISTS = "createContactsFromLists";
    /** Creates nothing. */
    public static final CreationRule NONE = new CreationRule(false, List.of());

    public CreationRule {
        listIds = List.copyOf(listIds);
    }

    /** The rule a connection's settings give. */
    public static CreationRule of(Connection connection) {
        if (!Boolean.parseBoolean(connection.settings().getOrDefault(CREATE, "false"))) {
            return NONE;
        }
        return new CreationRule(true, Arrays.stream(connection.settings().getOrDefault(FROM_LISTS, "").split(","))
                .map(String::strip).filter(id -> !id.isEmpty()).map(Long::valueOf).toList());
    }

    /** Those of {@code contactIds} (of {@code tenantId}) this rule creates in the CRM. */
    public Set<Long> creatable(String tenantId, Collection<Long> contactIds, ListMembershipStore lists) {
        if (!enabled || contactIds.isEmpty()) {
            return Set.of();
        }
        return listIds.isEmpty() ? new LinkedHashSet<>(contactIds)
                : lists.membersOf(tenantId, listIds, contactIds);
    }
}
