/**
 * Faithful local CRM servers (Salesforce, HubSpot, Pipedrive) for tests, the demo and benchmarks: in-process HTTP
 * servers on loopback that speak each vendor's wire protocol, limits and errors. A second, independent implementation
 * of each API: nothing here imports {@code connector}, and no job imports this package. Each CRM's sandbox implements
 * {@link com.penguinmails.crmsync.sandbox.CrmSandbox} and registers a
 * {@link com.penguinmails.crmsync.sandbox.CrmSandboxFactory} (a {@code META-INF/services} line), which
 * {@link com.penguinmails.crmsync.sandbox.CrmSandboxes} starts in that order.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox;

import org.jspecify.annotations.NullMarked;
