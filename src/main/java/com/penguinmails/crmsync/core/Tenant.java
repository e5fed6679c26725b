package com.penguinmails.crmsync.core;

import java.time.Instant;

/** A PenguinMails customer: the unit of partitioning and of sharding. */
public record Tenant(String id, String name, String status, Instant createdAt) {

    public boolean active() {
        return "active".equals(status);
    }
}
