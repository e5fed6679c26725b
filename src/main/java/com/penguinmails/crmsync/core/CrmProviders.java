package com.penguinmails.crmsync.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRMs this build has a provider for: where jobs, CLI, credentials and mapping ask about a CRM. Built from every
 * {@link CrmDescription} the application registered (each connector package's provider bean), in their order.
 */
public final class CrmProviders {

    private final Map<CrmKind, CrmDescription> byKind = new LinkedHashMap<>();

    /** @throws IllegalStateException when two providers claim one id */
    public CrmProviders(List<? extends CrmDescription> descriptions) {
        for (CrmDescription description : descriptions) {
            CrmDescription before = byKind.putIfAbsent(description.kind(), description);
            if (before != null) {
                throw new IllegalStateException("two providers for CRM '" + description.kind().id() + "': "
                        + before.getClass().getName() + " and " + description.getClass().getName());
            }
        }
    }

    /** The registered CRMs, in registration order. */
    public List<CrmDescription> all() {
        return List.copyOf(byKind.values());
    }

    /** The registered CRMs' ids. */
    public List<CrmKind> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /**
     * The registered kind an id names (trimmed, any case). An id no provider registered is refused without becoming a
     * {@link CrmKind}, so ids a person or a request typed are not kept.
     *
     * @throws IllegalArgumentException naming the value and the registered ids
     */
    public CrmKind kind(String id) {
        String normal = id.strip().toLowerCase(Locale.ROOT);
        return byKind.keySet().stream().filter(kind -> kind.id().equals(normal)).findFirst()
                .orElseThrow(() -> unknown(id));
    }

    /** @throws IllegalArgumentException naming the CRM and the registered ids when this build has no provider for it */
    public CrmDescription describe(CrmKind kind) {
        CrmDescription description = byKind.get(kind);
        if (description == null) {
            throw unknown(kind.id());
        }
        return description;
    }

    private IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown CRM '" + id + "'; expected " + expected());
    }

    /** The registered ids for a message: {@code salesforce, hubspot or pipedrive}. */
    private String expected() {
        List<String> ids = byKind.keySet().stream().map(CrmKind::id).toList();
        if (ids.size() < 2) {
            return ids.isEmpty() ? "none (this build has no CRM provider)" : ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
