package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;

/** A record in the recycle bin, as getDeleted reports it. */
public record DeletedEntry(String id, Instant deletedDate) {
}
