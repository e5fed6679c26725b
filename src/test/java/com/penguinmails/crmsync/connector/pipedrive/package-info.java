/** Tests of the Pipedrive connector against the Pipedrive sandbox over loopback. */
@NullMarked
package com.penguinmails.crmsync.connector.pipedrive;

import org.jspecify.annotations.NullMarked;
