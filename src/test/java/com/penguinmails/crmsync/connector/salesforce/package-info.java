/** Tests of the Salesforce connector against the Salesforce sandbox over loopback. */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce;

import org.jspecify.annotations.NullMarked;
