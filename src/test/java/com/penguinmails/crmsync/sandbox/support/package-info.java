/** Tests of what every sandbox shares: its control endpoints and clock. */
@NullMarked
package com.penguinmails.crmsync.sandbox.support;

import org.jspecify.annotations.NullMarked;
