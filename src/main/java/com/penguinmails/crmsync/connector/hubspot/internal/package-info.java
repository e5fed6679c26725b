/**
 * HubSpot wire details hidden from the rest of the suite: a small typed client over {@code java.net.http} and
 * Jackson for the endpoints the connector uses, HubSpot's error bodies and rate-limit policies, and the algorithms
 * (change feed, batch writes, activity logging) that speak in HubSpot's terms.
 */
@NullMarked
package com.penguinmails.crmsync.connector.hubspot.internal;

import org.jspecify.annotations.NullMarked;
