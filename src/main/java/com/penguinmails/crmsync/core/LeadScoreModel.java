package com.penguinmails.crmsync.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * How a tenant scores engagement: points per event type (negative for bounces and unsubscribes) and the half-life
 * after which an event counts half.
 */
public record LeadScoreModel(Map<EventType, Double> weights, double halfLifeDays) {

    public LeadScoreModel {
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("half-life must be a positive number of days, was " + halfLifeDays);
        }
        EnumMap<EventType, Double> complete = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            complete.put(type, weights.getOrDefault(type, 0.0));
        }
        weights = Map.copyOf(complete);
    }

    public double weight(EventType type) {
        return weights.get(type);
    }
}
