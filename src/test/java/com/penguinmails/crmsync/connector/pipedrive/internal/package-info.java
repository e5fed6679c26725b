/** Unit tests of the Pipedrive connector's internals (no I/O). */
@NullMarked
package com.penguinmails.crmsync.connector.pipedrive.internal;

import org.jspecify.annotations.NullMarked;
