/** Unit tests of the Salesforce connector's wire handling (no I/O). */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce.internal;

import org.jspecify.annotations.NullMarked;
