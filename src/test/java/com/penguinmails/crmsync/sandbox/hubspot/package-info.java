/**
 * Contract tests of the HubSpot sandbox: each endpoint's request and response shapes, limits, errors and control
 * endpoints, driven over HTTP with the JDK client (never the project's connector code).
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.hubspot;

import org.jspecify.annotations.NullMarked;
