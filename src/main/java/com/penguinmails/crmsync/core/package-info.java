/**
 * The domain shared by every layer: tenants, shards and the values jobs pass around. Depends on nothing else here.
 */
@NullMarked
package com.penguinmails.crmsync.core;

import org.jspecify.annotations.NullMarked;
