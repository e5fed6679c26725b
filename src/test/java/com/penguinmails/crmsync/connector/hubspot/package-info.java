/** Tests of the HubSpot connector against the HubSpot sandbox over loopback. */
@NullMarked
package com.penguinmails.crmsync.connector.hubspot;

import org.jspecify.annotations.NullMarked;
