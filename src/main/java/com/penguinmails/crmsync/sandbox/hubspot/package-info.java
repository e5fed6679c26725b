/**
 * A faithful local HubSpot: OAuth v1 and private-app tokens, CRM v3 objects (basic, batch, search, merge,
 * GDPR delete), properties, v4 associations and communication preferences, with HubSpot's limits, rate-limit headers
 * and error bodies, all in memory on a loopback port. Only {@link com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox}
 * and {@link com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings} are public.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.hubspot;

import org.jspecify.annotations.NullMarked;
