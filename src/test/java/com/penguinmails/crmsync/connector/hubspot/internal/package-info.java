/** Unit tests of the HubSpot connector's internals (no I/O). */
@NullMarked
package com.penguinmails.crmsync.connector.hubspot.internal;

import org.jspecify.annotations.NullMarked;
