/** Tests of Salesforce Change Data Capture decoding and mapping. */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce.cdc;

import org.jspecify.annotations.NullMarked;
