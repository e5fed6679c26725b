/**
 * What every sandbox shares: the loopback HTTP server with routing, latency and fault injection, the control endpoints
 * under {@code /_sandbox/}, the movable clock, request statistics and rolling-window rate limits.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.support;

import org.jspecify.annotations.NullMarked;
