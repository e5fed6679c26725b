package com.penguinmails.crmsync.connector.salesforce.cdc;

import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceSettings;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns change events into notices: CREATE, UPDATE, UNDELETE and GAP_* (re-read the records) → UPSERTED per record
 * id, DELETE → DELETED (a merge is DELETE of the losers and UPDATE of the master; the master's
 * {@code MasterRecordId} is read when applied), GAP_OVERFLOW → RESYNC of the object. Events of objects the suite does
 * not sync, and echoes of its own writes ({@code changeOrigin} naming client {@value #ECHO_MARK}), give none. A
 * notice's event id is the replay id in hex and the record id, so a redelivered event is stored once.
 */
final class ChangeNotices {

    /** Salesforce objects the suite syncs and their neutral kinds. */
    static final Map<String, ObjectType> OBJECTS = Map.of("Contact", ObjectType.CONTACT, "Lead", ObjectType.LEAD,
            "Account", ObjectType.COMPANY);

    static final String ECHO_MARK = "client=" + SalesforceSettings.CALL_OPTIONS_CLIENT;

    private ChangeNotices() {
    }

    static List<CrmChangeNotice> of(ChangeEvent event) {
        ObjectType type = OBJECTS.get(event.entity());
        if (type == null || isEcho(event.changeOrigin())) {
            return List.of();
        }
        String replay = HexFormat.of().formatHex(event.replayId());
        Instant at = event.committedAt();
        if (event.changeType().equals("GAP_OVERFLOW")) {
            return List.of(CrmChangeNotice.resync(replay, type, at));
        }
        boolean deleted = event.changeType().equals("DELETE");
        List<CrmChangeNotice> notices = new ArrayList<>();
        for (String id : event.recordIds()) {
            String eventId = replay + ":" + id;
            notices.add(deleted ? CrmChangeNotice.deleted(eventId, type, id, at)
                    : CrmChangeNotice.upserted(eventId, type, id, at));
        }
        return notices;
    }

    /** Notices asking for a resync of every synced object (the stored replay id could not be resumed). */
    static List<CrmChangeNotice> resyncAll(String reason, Instant at) {
        List<CrmChangeNotice> notices = new ArrayList<>();
        for (String entity : List.of("Contact", "Lead", "Account")) {
            notices.add(CrmChangeNotice.resync(reason + ":" + entity, OBJECTS.get(entity), at));
        }
        return notices;
    }

    /** Whether {@code changeOrigin} names this suite's client id ({@code ...;client=penguinmails-crm-sync}). */
    static boolean isEcho(String changeOrigin) {
        return Arrays.stream(changeOrigin.split(";")).skip(1).map(String::trim).anyMatch(ECHO_MARK::equals);
    }
}
