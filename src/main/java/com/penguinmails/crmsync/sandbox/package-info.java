/**
 * Faithful local CRM servers (Salesforce, HubSpot, Pipedrive) for tests, the demo and benchmarks: in-process HTTP
 * servers on loopback that speak each vendor's wire protocol, limits and errors. A second, independent implementation
 * of each API: nothing here imports {@code connector}, and no job imports this package.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox;

import org.jspecify.annotations.NullMarked;
