package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.model.DeletedEntry;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.Replication;
import com.penguinmails.crmsync.sandbox.salesforce.model.ReplicationException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** {@code getUpdated}, {@code getDeleted} and {@code getServerTimestamp}, the replication calls of a delta sync. */
final class ReplicationOperations {

    private final Replication replication;
    private final SObjectCodec codec;
    private final Clock clock;

    ReplicationOperations(Replication replication, SObjectCodec codec, Clock clock) {
        this.replication = replication;
        this.codec = codec;
        this.clock = clock;
    }

    void getUpdated(SoapCall call, SoapXml body) {
        ObjectDef object = codec.object(call.argument("sObjectType").orElse("").trim());
        Replication.Updated updated;
        try {
            updated = replication.updated(object, date(call, "startDate"), date(call, "endDate"));
        } catch (ReplicationException e) {
            throw SoapFault.unexpected(e.code(), e.getMessage());
        }
        body.open("getUpdatedResponse").open("result");
        updated.ids().forEach(id -> body.element("ids", id));
        body.element("latestDateCovered", updated.latestDateCovered()).close("result").close("getUpdatedResponse");
    }

    void getDeleted(SoapCall call, SoapXml body) {
        ObjectDef object = codec.object(call.argument("sObjectType").orElse("").trim());
        Replication.Deleted deleted;
        try {
            deleted = replication.deleted(object, date(call, "startDate"), date(call, "endDate"));
        } catch (ReplicationException e) {
            throw SoapFault.unexpected(e.code(), e.getMessage());
        }
        body.open("getDeletedResponse").open("result");
        for (DeletedEntry entry : deleted.records()) {
            body.open("deletedRecords").element("deletedDate", entry.deletedDate()).element("id", entry.id())
                    .close("deletedRecords");
        }
        body.element("earliestDateAvailable", deleted.earliestDateAvailable())
                .element("latestDateCovered", deleted.latestDateCovered()).close("result")
                .close("getDeletedResponse");
    }

    void getServerTimestamp(SoapCall call, SoapXml body) {
        body.open("getServerTimestampResponse").open("result").element("timestamp", clock.instant())
                .close("result").close("getServerTimestampResponse");
    }

    private static Instant date(SoapCall call, String name) {
        String raw = call.argument(name).orElseThrow(() -> SoapFault.unexpected("INVALID_REPLICATION_DATE",
                name + " is required")).trim();
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw SoapFault.client("Unable to parse " + name + ": '" + raw + "' is not a valid xsd:dateTime");
        }
    }
}
