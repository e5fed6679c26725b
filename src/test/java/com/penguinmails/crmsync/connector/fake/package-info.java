/**
 * A fourth CRM that exists only in tests: its provider registers it through the SPI exactly as a real CRM's package
 * does (a {@code CrmConnectorProvider} bean and {@code jobs/mappings/fakecrm.yml}), with an in-memory stub connector,
 * so a test proves that adding a CRM needs no change to main code.
 */
@NullMarked
package com.penguinmails.crmsync.connector.fake;

import org.jspecify.annotations.NullMarked;
